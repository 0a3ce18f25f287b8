import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The privacy module (schema `privacy`, contract 90-privacy). Nothing here holds a name, an
 * email or a phone number: every row names people by account id only, so erasure leaves
 * these rows as they are until their retention ends.
 *
 * - `person_consents`: the root row of one person's answers (the aggregate, id = account id).
 * - `consent`: a person's current answer per purpose, for every organization
 *   (organization_id NULL) or one; `revision` grows with each change of that answer and is
 *   carried by `privacy.consent.changed` (`version`), so copies in other modules keep the newest.
 * - `consent_change`: every answer ever given (the history), and who gave it (the person,
 *   or the profile form's initial MATCHING grant).
 * - `provision_record`: one per provision of personal data to a recipient, written from the
 *   event of the act that made it (`event_id`, `ordinal`: once per fact, whatever the relay
 *   redelivers). Kept three years.
 * - `access_log`: staff reads of another person's fullName, email or phone. Kept three years.
 * - `erasure`: the accounts whose erasure was asked of every module, once each.
 */
export class Privacy1765400000000 implements MigrationInterface {
  name = 'Privacy1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS privacy`);
    await q.query(`
      CREATE TABLE privacy.person_consents (
        id uuid PRIMARY KEY,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE privacy.consent (
        account_id uuid NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('MATCHING', 'CONSORTIUM_SHARING', 'NEWSLETTER')),
        organization_id uuid,
        granted boolean NOT NULL,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT consent_answer UNIQUE NULLS NOT DISTINCT (account_id, purpose, organization_id)
      )`);
    await q.query(`
      CREATE TABLE privacy.consent_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id uuid NOT NULL,
        purpose text NOT NULL,
        organization_id uuid,
        granted boolean NOT NULL,
        revision integer NOT NULL,
        given_by text NOT NULL CHECK (given_by IN ('PERSON', 'PROFILE_FORM')),
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX consent_change_account ON privacy.consent_change (account_id, at)`);
    await q.query(`
      CREATE TABLE privacy.provision_record (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        ordinal integer NOT NULL,
        subject_account_id uuid NOT NULL,
        recipient_organization_id uuid,
        recipient_account_id uuid,
        purpose text NOT NULL,
        fields text[] NOT NULL,
        basis text NOT NULL CHECK (basis IN ('CONSENT', 'REQUEST')),
        occasion text NOT NULL,
        occasion_id uuid,
        at timestamptz NOT NULL,
        UNIQUE (event_id, ordinal),
        CHECK ((recipient_organization_id IS NULL) <> (recipient_account_id IS NULL))
      )`);
    await q.query(`CREATE INDEX provision_record_subject ON privacy.provision_record (subject_account_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX provision_record_recipient ON privacy.provision_record (recipient_organization_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX provision_record_at ON privacy.provision_record (at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE privacy.access_log (
        id uuid PRIMARY KEY,
        reader_account_id uuid NOT NULL,
        subject_account_id uuid NOT NULL,
        fields text[] NOT NULL,
        via text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX access_log_at ON privacy.access_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX access_log_subject ON privacy.access_log (subject_account_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX access_log_reader ON privacy.access_log (reader_account_id, at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE privacy.erasure (
        account_id uuid PRIMARY KEY,
        requested_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA privacy CASCADE`);
  }
}
