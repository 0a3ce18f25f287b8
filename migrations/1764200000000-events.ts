import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The events module's schema. */
export class Events1764200000000 implements MigrationInterface {
  name = 'Events1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA events CASCADE`);
  }
}
