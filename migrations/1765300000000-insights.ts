import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insights module (schema `insights`): read models built only from the other modules'
 * integration events, for the programme's analysts (contract 80-insights).
 *
 * - `person`: one row per person and region they joined (their first act there), with the
 *   first time they reached each stage of the funnel there.
 * - `profile`: what matching's profile events say of a person (age band, home prefecture,
 *   desired work styles), for the funnel's slices.
 * - `event`, `registration`, `feedback`: the region's events, who registered and attended, ratings.
 * - `pair`, `match`: interests and scouts, matches and their stages, by work style.
 * - `consultation`, `stay`: consultations (support) and stays (housing) in the region.
 * - `state`: the time of the newest event applied (each answer's freshness).
 *
 * Analysts' own tools reach only the documented views below (`*_summary`, `funnel_by_month`),
 * through the NOLOGIN role `minato_analyst`, with the same small-count suppression
 * (`insights.suppress`). Creating a role needs CREATEROLE: where the migrating user lacks
 * it, the views are still made and `npm run insights:analyst` (README) grants them later.
 */
/** The documented views an analyst's tools may read (README, "Insights for analysts"). */
export const ANALYST_VIEWS = ['insights.funnel_by_month', 'insights.event_summary', 'insights.match_summary'] as const;

/**
 * Creates the NOLOGIN role `minato_analyst` if it can (CREATEROLE) and grants it the views
 * only. Safe to run again (the migration, then `npm run insights:analyst`).
 */
export const ANALYST_ROLE_SQL = `
  DO $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'minato_analyst') THEN
      BEGIN
        CREATE ROLE minato_analyst NOLOGIN;
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL; -- created meanwhile by another database's migration
        WHEN insufficient_privilege THEN
          RAISE NOTICE 'minato_analyst not created (no CREATEROLE): run npm run insights:analyst as a privileged user';
          RETURN;
      END;
    END IF;
    GRANT USAGE ON SCHEMA insights TO minato_analyst;
    GRANT SELECT ON ${ANALYST_VIEWS.join(', ')} TO minato_analyst;
  END $$`;

export class Insights1765300000000 implements MigrationInterface {
  name = 'Insights1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS insights`);
    await q.query(`
      CREATE TABLE insights.person (
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        joined_at timestamptz NOT NULL,
        event_registered_at timestamptz,
        event_attended_at timestamptz,
        interested_or_scouted_at timestamptz,
        matched_at timestamptz,
        engaged_at timestamptz,
        trial_stay_at timestamptz,
        dual_region_at timestamptz,
        relocated_at timestamptz,
        PRIMARY KEY (region_id, account_id)
      )`);
    await q.query(`CREATE INDEX person_cohort ON insights.person (region_id, joined_at)`);
    await q.query(`
      CREATE TABLE insights.profile (
        account_id uuid PRIMARY KEY,
        age_band text NOT NULL,
        home_prefecture text,
        work_styles text[] NOT NULL,
        first_saved_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE insights.event (
        event_id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        title text NOT NULL,
        kind text NOT NULL,
        starts_at timestamptz NOT NULL,
        capacity int NOT NULL,
        status text NOT NULL
      )`);
    await q.query(`CREATE INDEX event_region_start ON insights.event (region_id, starts_at)`);
    await q.query(`
      CREATE TABLE insights.registration (
        registration_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        status text NOT NULL,
        registered_at timestamptz NOT NULL,
        attended_at timestamptz
      )`);
    await q.query(`CREATE INDEX registration_event ON insights.registration (event_id)`);
    await q.query(`CREATE INDEX registration_person ON insights.registration (region_id, account_id)`);
    await q.query(`
      CREATE TABLE insights.feedback (
        registration_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        rating int NOT NULL
      )`);
    await q.query(`CREATE INDEX feedback_event ON insights.feedback (event_id)`);
    await q.query(`
      CREATE TABLE insights.pair (
        pair_id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('INTEREST', 'SCOUT')),
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        work_style text,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pair_region_at ON insights.pair (region_id, at)`);
    await q.query(`CREATE INDEX pair_person ON insights.pair (region_id, account_id, at)`);
    await q.query(`
      CREATE TABLE insights.match (
        match_id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        work_style text,
        established_at timestamptz NOT NULL,
        engaged_at timestamptz,
        completed_at timestamptz,
        withdrawn_at timestamptz
      )`);
    await q.query(`CREATE INDEX match_region ON insights.match (region_id, established_at)`);
    await q.query(`
      CREATE TABLE insights.consultation (
        consultation_id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        cancelled_at timestamptz
      )`);
    await q.query(`CREATE INDEX consultation_person ON insights.consultation (region_id, account_id, requested_at)`);
    await q.query(`
      CREATE TABLE insights.stay (
        stay_id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        account_id uuid NOT NULL,
        listing_kind text NOT NULL,
        nights int NOT NULL,
        check_in date NOT NULL,
        checked_in_at timestamptz
      )`);
    await q.query(`CREATE INDEX stay_region ON insights.stay (region_id, check_in)`);
    await q.query(`CREATE TABLE insights.region (region_id uuid PRIMARY KEY, code text NOT NULL, name text NOT NULL)`);
    await q.query(`
      CREATE TABLE insights.state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        fresh_at timestamptz
      )`);
    await q.query(`INSERT INTO insights.state (id, fresh_at) VALUES (true, NULL)`);

    // ---- small-count suppression, the same rule as the API's (domain/suppression.ts)
    await q.query(`
      CREATE FUNCTION insights.suppress(n bigint) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN n IN (1, 2) THEN NULL ELSE n END $$`);

    // ---- the documented views for analysts' own tools: counts only, suppressed
    await q.query(`
      CREATE VIEW insights.funnel_by_month AS
      SELECT p.region_id, r.code AS region_code, r.name AS region_name,
             date_trunc('month', p.joined_at AT TIME ZONE 'Asia/Tokyo')::date AS cohort_month,
             insights.suppress(count(*)) AS signed_up,
             insights.suppress(count(pr.first_saved_at)) AS profile_saved,
             insights.suppress(count(p.event_registered_at)) AS event_registered,
             insights.suppress(count(p.event_attended_at)) AS event_attended,
             insights.suppress(count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM insights.consultation c
                WHERE c.region_id = p.region_id AND c.account_id = p.account_id AND c.cancelled_at IS NULL))) AS consulted,
             insights.suppress(count(p.interested_or_scouted_at)) AS interested_or_scouted,
             insights.suppress(count(p.matched_at)) AS matched,
             insights.suppress(count(p.engaged_at)) AS engaged,
             insights.suppress(count(p.trial_stay_at)) AS trial_stay,
             insights.suppress(count(p.dual_region_at)) AS dual_region,
             insights.suppress(count(p.relocated_at)) AS relocated
        FROM insights.person p
        LEFT JOIN insights.profile pr ON pr.account_id = p.account_id
        LEFT JOIN insights.region r ON r.region_id = p.region_id
       GROUP BY p.region_id, r.code, r.name, date_trunc('month', p.joined_at AT TIME ZONE 'Asia/Tokyo')`);
    await q.query(`
      CREATE VIEW insights.event_summary AS
      SELECT e.event_id, e.region_id, e.title, e.kind, e.starts_at, e.capacity, e.status,
             insights.suppress(count(g.registration_id)) AS demand,
             -- confirmed = attended + no_shows once completed: one hidden, all three are.
             CASE WHEN count(*) FILTER (WHERE g.status = 'ATTENDED') IN (1, 2) OR count(*) FILTER (WHERE g.status = 'NO_SHOW') IN (1, 2)
                  THEN NULL ELSE insights.suppress(count(*) FILTER (WHERE g.status IN ('CONFIRMED', 'ATTENDED', 'NO_SHOW'))) END AS confirmed,
             CASE WHEN count(*) FILTER (WHERE g.status = 'NO_SHOW') IN (1, 2)
                  THEN NULL ELSE insights.suppress(count(*) FILTER (WHERE g.status = 'ATTENDED')) END AS attended,
             CASE WHEN count(*) FILTER (WHERE g.status = 'ATTENDED') IN (1, 2)
                  THEN NULL ELSE insights.suppress(count(*) FILTER (WHERE g.status = 'NO_SHOW')) END AS no_shows,
             f.feedback_count, f.average_rating
        FROM insights.event e
        LEFT JOIN insights.registration g ON g.event_id = e.event_id
        CROSS JOIN LATERAL (
          SELECT insights.suppress(count(*)) AS feedback_count,
                 CASE WHEN count(*) >= 3 THEN round(avg(rating), 2) END AS average_rating
            FROM insights.feedback WHERE event_id = e.event_id) f
       GROUP BY e.event_id, f.feedback_count, f.average_rating`);
    await q.query(`
      CREATE VIEW insights.match_summary AS
      SELECT m.region_id, date_trunc('month', m.established_at AT TIME ZONE 'Asia/Tokyo')::date AS month, m.work_style,
             insights.suppress(count(*)) AS matches,
             insights.suppress(count(m.engaged_at)) AS engaged,
             insights.suppress(count(m.completed_at)) AS completed,
             insights.suppress(count(m.withdrawn_at)) AS withdrawn
        FROM insights.match m
       GROUP BY m.region_id, date_trunc('month', m.established_at AT TIME ZONE 'Asia/Tokyo'), m.work_style`);
    await q.query(ANALYST_ROLE_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA insights CASCADE`);
  }
}
