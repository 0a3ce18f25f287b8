import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screen people use most — published opportunities of one region and work style,
 * newest first — read by one index scan that stops after the page (about 20 index
 * entries), instead of filtering a region's listing by work style row by row.
 */
export class CareersPublicListing1764600000000 implements MigrationInterface {
  name = 'CareersPublicListing1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX opportunity_public_region_style ON careers.opportunity (region_id, work_style, listed_at DESC, id DESC) WHERE status = 'PUBLISHED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX careers.opportunity_public_region_style`);
  }
}
