import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching and personal data (contract 90-privacy):
 * - `consent`: matching's copy of the person's MATCHING answers (subscriber
 *   matching.copy-consent, from privacy.consent.changed), one per organization or one for
 *   every organization (organization_id NULL); the organization's own answer wins, and with
 *   no answer MATCHING is granted (it starts with the profile).
 * - `employer_copy`: which partner organization manages each employer (from careers'
 *   employer.registered), so a match knows the organization the person's act was addressed
 *   to (the basis REQUEST of its provision record).
 * - `match.provided_organization_ids`: the organizations the match gave the person's contact
 *   details to (one provision fact each, carried by matching.match.established); they, and
 *   only they, see them while the match lives. NULL for matches made before: the region's
 *   staff, as then.
 * - `candidate_profile.erased_at`: the person erased their account; the profile stays (its
 *   interests, scouts and matches are counted) without a name, contact details or free text.
 */
export class MatchingPersonalData1765400000200 implements MigrationInterface {
  name = 'MatchingPersonalData1765400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matching.consent (
        account_id uuid NOT NULL,
        -- NULL: the answer for every organization
        organization_id uuid,
        granted boolean NOT NULL,
        at timestamptz NOT NULL,
        -- privacy's number for this answer's change: the highest is kept
        revision integer NOT NULL,
        CONSTRAINT consent_one_answer UNIQUE NULLS NOT DISTINCT (account_id, organization_id)
      )`);
    await q.query(`
      CREATE TABLE matching.employer_copy (
        employer_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL
      )`);
    await q.query(`ALTER TABLE matching.match ADD COLUMN provided_organization_ids uuid[]`);
    await q.query(`ALTER TABLE matching.candidate_profile ADD COLUMN erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matching.candidate_profile DROP COLUMN erased_at`);
    await q.query(`ALTER TABLE matching.match DROP COLUMN provided_organization_ids`);
    await q.query(`DROP TABLE matching.employer_copy`);
    await q.query(`DROP TABLE matching.consent`);
  }
}
