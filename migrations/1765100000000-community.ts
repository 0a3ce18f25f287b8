import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchColumnsSql, searchFunctionsSql, searchIndexSql } from '#libs/search/text-search.js';

/**
 * The community module (schema `community`): activity roles and their applications,
 * supporters and mentorships, the onboarding template and plans, and guides.
 *
 * Capacity is the database's: `role.accepted_count` and `supporter.active_newcomers` are
 * counters kept by the two SQL functions below (one statement each, the lock held for one
 * round trip) and by the commands that end an acceptance or a mentorship; a CHECK keeps
 * each counter within its limit whatever any code does (seats and maxNewcomers cannot be
 * lowered below it either). The counters are not part of the rows' optimistic version:
 * an edit of the role's text does not conflict with an acceptance.
 *
 * Lock order, everywhere: the role before its applications; the supporter before its
 * mentorships.
 */
export class Community1765100000000 implements MigrationInterface {
  name = 'Community1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS community`);
    for (const sql of searchFunctionsSql('community')) await q.query(sql);

    await q.query(`
      CREATE TABLE community.role (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        region_id uuid NOT NULL,
        category text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        hours_per_month int NOT NULL CHECK (hours_per_month >= 0),
        onsite boolean NOT NULL,
        seats int NOT NULL CHECK (seats >= 1),
        accepted_count int NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED')),
        starts_on date,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        ${searchColumnsSql('community', `title || ' ' || description`)},
        CONSTRAINT role_accepted_within_seats CHECK (accepted_count >= 0 AND accepted_count <= seats)
      )`);
    await q.query(`CREATE INDEX role_listing ON community.role (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX role_region_listing ON community.role (region_id, created_at DESC, id DESC)`);
    await q.query(searchIndexSql('community', 'role'));

    await q.query(`
      CREATE TABLE community.role_application (
        id uuid PRIMARY KEY,
        role_id uuid NOT NULL REFERENCES community.role (id),
        account_id uuid NOT NULL,
        display_name text NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        phone text NOT NULL,
        motivation text NOT NULL,
        status text NOT NULL CHECK (status IN ('APPLIED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'ENDED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // One live application per person and role, whatever the concurrency.
    await q.query(`CREATE UNIQUE INDEX role_application_live ON community.role_application (role_id, account_id)
      WHERE status IN ('APPLIED', 'ACCEPTED')`);
    await q.query(`CREATE INDEX role_application_listing ON community.role_application (role_id, created_at, id)`);
    await q.query(`CREATE INDEX role_application_mine ON community.role_application (account_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE community.supporter (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        display_name text NOT NULL,
        topics text[] NOT NULL,
        bio text NOT NULL,
        max_newcomers int NOT NULL CHECK (max_newcomers >= 1),
        active_newcomers int NOT NULL DEFAULT 0,
        approved boolean NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        UNIQUE (region_id, account_id),
        CONSTRAINT supporter_newcomers_within_max CHECK (active_newcomers >= 0 AND active_newcomers <= max_newcomers)
      )`);
    await q.query(`CREATE INDEX supporter_account ON community.supporter (account_id)`);

    await q.query(`
      CREATE TABLE community.mentorship (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        display_name text NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        phone text NOT NULL,
        topics text[] NOT NULL,
        message text,
        supporter_id uuid REFERENCES community.supporter (id),
        status text NOT NULL CHECK (status IN ('REQUESTED', 'ACTIVE', 'DECLINED', 'ENDED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // One REQUESTED or ACTIVE mentorship per newcomer and region.
    await q.query(`CREATE UNIQUE INDEX mentorship_live ON community.mentorship (region_id, account_id)
      WHERE status IN ('REQUESTED', 'ACTIVE')`);
    await q.query(`CREATE INDEX mentorship_listing ON community.mentorship (region_id, created_at, id)`);
    await q.query(`CREATE INDEX mentorship_newcomer ON community.mentorship (account_id)`);
    await q.query(`CREATE INDEX mentorship_supporter ON community.mentorship (supporter_id)`);

    await q.query(`
      CREATE TABLE community.onboarding_template (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL UNIQUE,
        steps jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE community.onboarding_plan (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        display_name text NOT NULL,
        email text NOT NULL,
        steps jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        version int NOT NULL,
        UNIQUE (region_id, account_id)
      )`);
    await q.query(`CREATE INDEX onboarding_plan_listing ON community.onboarding_plan (region_id, started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX onboarding_plan_newcomer ON community.onboarding_plan (account_id)`);

    await q.query(`
      CREATE TABLE community.guide (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        category text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        ${searchColumnsSql('community', `title || ' ' || body`)}
      )`);
    await q.query(`CREATE INDEX guide_listing ON community.guide (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX guide_region_listing ON community.guide (region_id, created_at DESC, id DESC)`);
    await q.query(searchIndexSql('community', 'guide'));

    await q.query(ACCEPT_ROLE_APPLICATION);
    await q.query(ASSIGN_SUPPORTER);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA community CASCADE`);
  }
}

/**
 * acceptRoleApplication in one statement: locks the role (so acceptances of one role queue
 * here, one round trip each), then the application; decides; counts the seat; writes the
 * application and its RoleApplicationAccepted row of the log. `p_outbox` is the log row's
 * target (type, source, aggregateType, payloadVersion). Outcomes: NOT_FOUND, NOT_APPLIED
 * (`status` says what it is), ROLE_NOT_OPEN, ROLE_FULL, ACCEPTED.
 */
const ACCEPT_ROLE_APPLICATION = `
  CREATE FUNCTION community.accept_role_application(
    p_application_id uuid,
    p_now timestamptz,
    p_outbox_id uuid,
    p_outbox jsonb,
    OUT outcome text,
    OUT status text
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    v_role_id uuid;
    r record;
    a record;
  BEGIN
    SELECT ra.role_id INTO v_role_id FROM community.role_application ra WHERE ra.id = p_application_id;
    IF NOT FOUND THEN
      outcome := 'NOT_FOUND';
      RETURN;
    END IF;
    SELECT ro.id, ro.status, ro.seats, ro.accepted_count, ro.region_id, ro.organization_id, ro.category, ro.title
      INTO r FROM community.role ro WHERE ro.id = v_role_id FOR UPDATE;
    SELECT ra.status, ra.account_id INTO a FROM community.role_application ra WHERE ra.id = p_application_id FOR UPDATE;
    status := a.status;
    IF a.status <> 'APPLIED' THEN
      outcome := 'NOT_APPLIED';
      RETURN;
    END IF;
    IF r.status <> 'OPEN' THEN
      outcome := 'ROLE_NOT_OPEN';
      RETURN;
    END IF;
    IF r.accepted_count >= r.seats THEN
      outcome := 'ROLE_FULL';
      RETURN;
    END IF;
    UPDATE community.role SET accepted_count = accepted_count + 1 WHERE id = r.id;
    UPDATE community.role_application
       SET status = 'ACCEPTED', updated_at = p_now, version = version + 1
     WHERE id = p_application_id;
    INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
    VALUES (
      p_outbox_id, p_outbox ->> 'type', p_outbox ->> 'source', p_outbox ->> 'aggregateType', r.id::text,
      (p_outbox ->> 'payloadVersion')::int,
      jsonb_build_object(
        'applicationId', p_application_id, 'roleId', r.id, 'regionId', r.region_id, 'organizationId', r.organization_id,
        'roleCategory', r.category, 'roleTitle', r.title, 'accountId', a.account_id
      ),
      p_now
    );
    outcome := 'ACCEPTED';
    status := 'ACCEPTED';
  END
  $fn$`;

/**
 * assignSupporter in one statement: locks the supporter (assignments to one supporter queue
 * here), then the mentorship; decides; counts the newcomer; writes the mentorship and its
 * MentorshipStarted row of the log. Outcomes: NOT_FOUND (mentorship), SUPPORTER_NOT_FOUND
 * (none, or of another region), SELF, NOT_REQUESTED (`status` says what it is),
 * SUPPORTER_UNAVAILABLE (not approved or not active), SUPPORTER_FULL, STARTED.
 */
const ASSIGN_SUPPORTER = `
  CREATE FUNCTION community.assign_supporter(
    p_mentorship_id uuid,
    p_supporter_id uuid,
    p_organization_id uuid,
    p_now timestamptz,
    p_outbox_id uuid,
    p_outbox jsonb,
    OUT outcome text,
    OUT status text
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    s record;
    m record;
  BEGIN
    SELECT su.id, su.region_id, su.account_id, su.approved, su.active, su.max_newcomers, su.active_newcomers
      INTO s FROM community.supporter su WHERE su.id = p_supporter_id FOR UPDATE;
    SELECT me.status, me.region_id, me.account_id, me.topics
      INTO m FROM community.mentorship me WHERE me.id = p_mentorship_id FOR UPDATE;
    IF m IS NULL THEN
      outcome := 'NOT_FOUND';
      RETURN;
    END IF;
    status := m.status;
    IF s IS NULL OR s.region_id <> m.region_id THEN
      outcome := 'SUPPORTER_NOT_FOUND';
      RETURN;
    END IF;
    IF s.account_id = m.account_id THEN
      outcome := 'SELF';
      RETURN;
    END IF;
    IF m.status <> 'REQUESTED' THEN
      outcome := 'NOT_REQUESTED';
      RETURN;
    END IF;
    IF NOT s.approved OR NOT s.active THEN
      outcome := 'SUPPORTER_UNAVAILABLE';
      RETURN;
    END IF;
    IF s.active_newcomers >= s.max_newcomers THEN
      outcome := 'SUPPORTER_FULL';
      RETURN;
    END IF;
    UPDATE community.supporter SET active_newcomers = active_newcomers + 1 WHERE id = s.id;
    UPDATE community.mentorship
       SET status = 'ACTIVE', supporter_id = s.id, updated_at = p_now, version = version + 1
     WHERE id = p_mentorship_id;
    INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
    VALUES (
      p_outbox_id, p_outbox ->> 'type', p_outbox ->> 'source', p_outbox ->> 'aggregateType', p_mentorship_id::text,
      (p_outbox ->> 'payloadVersion')::int,
      jsonb_build_object(
        'mentorshipId', p_mentorship_id, 'regionId', m.region_id, 'accountId', m.account_id, 'topics', to_jsonb(m.topics),
        'supporterId', s.id, 'supporterAccountId', s.account_id, 'organizationId', p_organization_id
      ),
      p_now
    );
    outcome := 'STARTED';
    status := 'ACTIVE';
  END
  $fn$`;
