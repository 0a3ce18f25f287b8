import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a CANDIDATE erased their account (contract 90-privacy); null while it is in use. */
export class IdentityErasure1765400000100 implements MigrationInterface {
  name = 'IdentityErasure1765400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.account ADD COLUMN erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.account DROP COLUMN erased_at`);
  }
}
