import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The GIN indexes recommendations search. */
const GIN_INDEXES = ['opportunity_copy_skills', 'candidate_profile_skills', 'candidate_profile_regions', 'candidate_profile_work_styles'];

/**
 * Recommendations score only the rows that can reach the top (src/modules/matching/domain/
 * score-bound.ts); these indexes find them. Opportunity copies: by region, work style and
 * on-site days together (a desired region and style, days the candidate can give), which
 * also serves region alone, so it replaces the region index; skills already have their GIN.
 * Profiles: the work styles they want (GIN, as skills and regions already have), the
 * on-site days they can give, and who attended an event in a region.
 */
export class MatchingRecommendationIndexes1764800000000 implements MigrationInterface {
  name = 'MatchingRecommendationIndexes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX opportunity_copy_fit ON matching.opportunity_copy (region_id, work_style, onsite_days_per_month) WHERE status = 'PUBLISHED'`,
    );
    await q.query(`DROP INDEX matching.opportunity_copy_region`);
    await q.query(`CREATE INDEX candidate_profile_work_styles ON matching.candidate_profile USING gin (desired_work_styles)`);
    await q.query(`CREATE INDEX candidate_profile_onsite ON matching.candidate_profile (onsite_days_per_month)`);
    await q.query(`CREATE INDEX attendance_region ON matching.attendance (region_id, account_id)`);
    // GIN's fast update parks new entries in a pending list that every search reads in full
    // until a vacuum merges it (a manual ANALYZE does not): after a bulk load, 4 MB of it.
    // These tables change one row per event or saved profile and are searched on every
    // recommendation, so entries go straight into the index.
    for (const index of GIN_INDEXES) {
      await q.query(`ALTER INDEX matching.${index} SET (fastupdate = off)`);
      await q.query(`SELECT gin_clean_pending_list('matching.${index}'::regclass)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of GIN_INDEXES) await q.query(`ALTER INDEX matching.${index} RESET (fastupdate)`);
    await q.query(`DROP INDEX matching.attendance_region`);
    await q.query(`DROP INDEX matching.candidate_profile_onsite`);
    await q.query(`DROP INDEX matching.candidate_profile_work_styles`);
    await q.query(`CREATE INDEX opportunity_copy_region ON matching.opportunity_copy (region_id) WHERE status = 'PUBLISHED'`);
    await q.query(`DROP INDEX matching.opportunity_copy_fit`);
  }
}
