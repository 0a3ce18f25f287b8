import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendations score only the rows that can reach the top (src/modules/matching/domain/
 * score-bound.ts); these indexes find them. Opportunity copies: by region, work style and
 * on-site days together (a desired region and style, days the candidate can give), which
 * also serves region alone, so it replaces the region index; skills already have their GIN.
 * Profiles: the work styles they want (GIN, as skills and regions already have), and who
 * attended an event in a region.
 */
export class MatchingRecommendationIndexes1764800000000 implements MigrationInterface {
  name = 'MatchingRecommendationIndexes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX opportunity_copy_fit ON matching.opportunity_copy (region_id, work_style, onsite_days_per_month) WHERE status = 'PUBLISHED'`,
    );
    await q.query(`DROP INDEX matching.opportunity_copy_region`);
    await q.query(`CREATE INDEX candidate_profile_work_styles ON matching.candidate_profile USING gin (desired_work_styles)`);
    await q.query(`CREATE INDEX attendance_region ON matching.attendance (region_id, account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matching.attendance_region`);
    await q.query(`DROP INDEX matching.candidate_profile_work_styles`);
    await q.query(`CREATE INDEX opportunity_copy_region ON matching.opportunity_copy (region_id) WHERE status = 'PUBLISHED'`);
    await q.query(`DROP INDEX matching.opportunity_copy_fit`);
  }
}
