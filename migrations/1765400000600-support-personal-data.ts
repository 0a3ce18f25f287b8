import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Support and personal data (contract 90-privacy):
 * - an erased person's fullName, email and phone leave their consultations (NULL), and the
 *   email their journey was opened with (identity's scrubbed AccountRegistered says null);
 * - `erased_account`: whose account was erased (ids only). The journey read model consults
 *   it whenever it writes a person, so a rebuild or a late event never brings a name back;
 *   it is not part of the read model and survives an operator's reset;
 * - `consent`: support's copy of the person's CONSORTIUM_SHARING answers (subscriber
 *   support.consent, from privacy.consent.changed): per organization, or for every one
 *   (organization_id 0…0). The organization's own answer wins; none: not granted.
 */
export class SupportPersonalData1765400000600 implements MigrationInterface {
  name = 'SupportPersonalData1765400000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support.consultation ALTER COLUMN email DROP NOT NULL`);
    await q.query(`ALTER TABLE support.consultation ALTER COLUMN full_name DROP NOT NULL`);
    await q.query(`ALTER TABLE support.consultation ALTER COLUMN phone DROP NOT NULL`);
    await q.query(`ALTER TABLE support.journey_person ALTER COLUMN email DROP NOT NULL`);
    await q.query(`
      CREATE TABLE support.erased_account (
        account_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE support.consent (
        account_id uuid NOT NULL,
        -- 0…0: the answer for every organization
        organization_id uuid NOT NULL,
        granted boolean NOT NULL,
        at timestamptz NOT NULL,
        -- privacy's number for this answer's change: the highest is kept
        version integer NOT NULL,
        PRIMARY KEY (account_id, organization_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE support.consent`);
    await q.query(`DROP TABLE support.erased_account`);
  }
}
