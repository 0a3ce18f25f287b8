import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Housing and erasure (contract 90-privacy): `erased_account`, whose account was erased (ids
 * only). The erasure notes it under the person's lock before it looks for what to erase, and
 * a stay or viewing request takes the same lock and is refused for an erased account, so a
 * request in flight during the erasure is either found by it or refused.
 */
export class HousingErasedAccounts1765400000700 implements MigrationInterface {
  name = 'HousingErasedAccounts1765400000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE housing.erased_account (
        account_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE housing.erased_account`);
  }
}
