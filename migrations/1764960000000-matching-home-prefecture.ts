import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a candidate lives now (contract 80-insights extends CandidateProfile): one of the 47
 * prefectures, or null. Insights slices its funnel by it, from matching's profile events.
 */
export class MatchingHomePrefecture1764960000000 implements MigrationInterface {
  name = 'MatchingHomePrefecture1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matching.candidate_profile ADD COLUMN home_prefecture text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matching.candidate_profile DROP COLUMN home_prefecture`);
  }
}
