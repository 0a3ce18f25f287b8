import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The careers module's schema. */
export class Careers1764150000000 implements MigrationInterface {
  name = 'Careers1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS careers`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA careers CASCADE`);
  }
}
