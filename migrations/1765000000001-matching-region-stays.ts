import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching keeps who stayed in which region, copied from housing's `housing.stay.completed`
 * events (no read of housing's tables): "stayed in the region" is a recommendation reason,
 * weighing as attending an event there does (one fact: the person has been there).
 */
export class MatchingRegionStays1765000000001 implements MigrationInterface {
  name = 'MatchingRegionStays1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matching.region_stay (
        stay_id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        region_id uuid NOT NULL,
        stayed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX region_stay_region ON matching.region_stay (region_id, account_id)`);
    await q.query(`CREATE INDEX region_stay_account ON matching.region_stay (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching.region_stay`);
  }
}
