import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community and personal data (contract 90-privacy):
 * - `erased_account`: whose account was erased (ids only). The erasure notes it under the
 *   person's lock before it looks for what to erase, and every command a person starts in
 *   community (apply, ask for a mentorship, start a plan, volunteer, edit their supporter
 *   profile) takes the same lock and is refused for an erased account, so one in flight
 *   during the erasure is either found by it or refused.
 * - `mentorship.provided_organization_ids`: the organizations a mentorship request gave the
 *   newcomer's contact details to (the region's COMMUNITY_MANAGE organizations when it was
 *   asked for; one provision fact each, carried by community.mentorship.requested). Their
 *   staff, and only theirs, see them, on the mentorship and on the newcomer's plan of the
 *   region. NULL for mentorships asked for before: the region's staff, as then.
 */
export class CommunityPersonalData1765400000800 implements MigrationInterface {
  name = 'CommunityPersonalData1765400000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE community.erased_account (
        account_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE community.mentorship ADD COLUMN provided_organization_ids uuid[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community.mentorship DROP COLUMN provided_organization_ids`);
    await q.query(`DROP TABLE community.erased_account`);
  }
}
