import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The matching module (schema `matching`): candidate profiles, interests, scouts, matches
 * and their messages, plus matching's own copies of published opportunities (from careers'
 * events) and of event attendance (from events' check-ins). Nothing here references
 * another schema.
 */
export class Matching1764300000000 implements MigrationInterface {
  name = 'Matching1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS matching`);
    await q.query(`
      CREATE TABLE matching.opportunity_copy (
        id uuid PRIMARY KEY,
        employer_id uuid NOT NULL,
        employer_name text NOT NULL,
        region_id uuid NOT NULL,
        title text NOT NULL,
        work_style text NOT NULL,
        skills text[] NOT NULL,
        skills_norm text[] NOT NULL,
        remote_ok boolean NOT NULL,
        onsite_days_per_month int NOT NULL,
        status text NOT NULL,
        published_at timestamptz,
        -- When careers recorded the change this row reflects: an older event never overwrites a newer one.
        as_of timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX opportunity_copy_published ON matching.opportunity_copy (published_at DESC, id) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX opportunity_copy_skills ON matching.opportunity_copy USING gin (skills_norm) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX opportunity_copy_region ON matching.opportunity_copy (region_id) WHERE status = 'PUBLISHED'`);
    await q.query(`
      CREATE TABLE matching.attendance (
        account_id uuid NOT NULL,
        event_id uuid NOT NULL,
        region_id uuid NOT NULL,
        attended_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE matching.candidate_profile (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL UNIQUE,
        display_name text NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        phone text,
        age_band text NOT NULL CHECK (age_band IN ('UNDER_40', 'FORTIES', 'FIFTIES', 'SIXTIES_AND_OVER')),
        headline text NOT NULL,
        career_summary text NOT NULL,
        skills text[] NOT NULL,
        skills_norm text[] NOT NULL,
        desired_work_styles text[] NOT NULL,
        remote_hours_per_week int NOT NULL,
        onsite_days_per_month int NOT NULL,
        desired_region_ids uuid[] NOT NULL,
        dual_region_stage text NOT NULL CHECK (dual_region_stage IN ('EXPLORING', 'VISITING', 'DUAL_REGION', 'RELOCATED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`CREATE INDEX candidate_profile_skills ON matching.candidate_profile USING gin (skills_norm)`);
    await q.query(`CREATE INDEX candidate_profile_regions ON matching.candidate_profile USING gin (desired_region_ids)`);
    await q.query(`
      CREATE TABLE matching.interest (
        id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL REFERENCES matching.candidate_profile (id),
        opportunity_id uuid NOT NULL,
        region_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // One live interest per candidate and opportunity: expressing it again returns that one.
    await q.query(`CREATE UNIQUE INDEX interest_live ON matching.interest (candidate_id, opportunity_id) WHERE status IN ('OPEN', 'ACCEPTED')`);
    await q.query(`CREATE INDEX interest_opportunity ON matching.interest (opportunity_id, created_at, id)`);
    await q.query(`
      CREATE TABLE matching.scout (
        id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL REFERENCES matching.candidate_profile (id),
        opportunity_id uuid NOT NULL,
        region_id uuid NOT NULL,
        sent_by_organization_id uuid NOT NULL,
        sent_by_account_id uuid NOT NULL,
        message text NOT NULL,
        status text NOT NULL CHECK (status IN ('SENT', 'ACCEPTED', 'DECLINED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX scout_live ON matching.scout (candidate_id, opportunity_id) WHERE status = 'SENT'`);
    await q.query(`CREATE INDEX scout_candidate ON matching.scout (candidate_id, created_at DESC)`);
    await q.query(`CREATE INDEX scout_opportunity ON matching.scout (opportunity_id) WHERE status = 'SENT'`);
    await q.query(`
      CREATE TABLE matching.match (
        id uuid PRIMARY KEY,
        candidate_id uuid NOT NULL REFERENCES matching.candidate_profile (id),
        opportunity_id uuid NOT NULL,
        region_id uuid NOT NULL,
        origin text NOT NULL CHECK (origin IN ('INTEREST', 'SCOUT')),
        origin_id uuid NOT NULL UNIQUE,
        stage text NOT NULL CHECK (stage IN ('MATCHED', 'MEETING', 'TRIAL', 'ENGAGED', 'COMPLETED', 'WITHDRAWN')),
        coordinator_account_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX match_live ON matching.match (candidate_id, opportunity_id) WHERE stage <> 'WITHDRAWN'`);
    await q.query(`CREATE INDEX match_region ON matching.match (region_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX match_candidate ON matching.match (candidate_id)`);
    await q.query(`
      CREATE TABLE matching.match_stage_change (
        match_id uuid NOT NULL REFERENCES matching.match (id),
        seq int NOT NULL,
        stage text NOT NULL,
        note text,
        changed_by uuid,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (match_id, seq)
      )`);
    await q.query(`
      CREATE TABLE matching.message (
        id uuid PRIMARY KEY,
        match_id uuid NOT NULL REFERENCES matching.match (id),
        author_account_id uuid NOT NULL,
        author_display_name text NOT NULL,
        body text NOT NULL,
        sent_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX message_match ON matching.message (match_id, sent_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA matching CASCADE`);
  }
}
