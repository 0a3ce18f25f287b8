import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The careers module: employers and opportunities (schema `careers`).
 *
 * Search: `search_text` is title + description, NFKC-normalized (ＩＴ = IT, ｶﾀｶﾅ = カタカナ) and
 * lower-cased; `search_grams` holds its characters and character pairs. A query term's
 * grams must all be in the row's (a GIN index answers that), then `search_text LIKE
 * %term%` confirms. Bigrams find Japanese by any part of a word (「マーケ」 in
 * 「マーケティング」) without a tokenizer, and work the same under any server locale.
 */
export class Careers1764150000000 implements MigrationInterface {
  name = 'Careers1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS careers`);
    await q.query(`
      CREATE FUNCTION careers.search_normalize(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(lower(normalize(t, NFKC)), '\\s+', ' ', 'g')) $$`);
    await q.query(`
      CREATE FUNCTION careers.search_grams(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
          SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
          UNION
          SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
        ) AS grams
        WHERE position(' ' IN g) = 0
      $$`);
    await q.query(`
      CREATE TABLE careers.employer (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        region_id uuid NOT NULL,
        name text NOT NULL,
        industry text NOT NULL,
        description text NOT NULL,
        created_at timestamptz NOT NULL,
        version int NOT NULL,
        UNIQUE (region_id, name)
      )`);
    await q.query(`CREATE INDEX employer_listing ON careers.employer (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX employer_region_listing ON careers.employer (region_id, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE careers.opportunity (
        id uuid PRIMARY KEY,
        employer_id uuid NOT NULL REFERENCES careers.employer (id),
        region_id uuid NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        work_style text NOT NULL CHECK (work_style IN ('PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP')),
        skills text[] NOT NULL,
        skills_norm text[] NOT NULL,
        remote_ok boolean NOT NULL,
        onsite_days_per_month int NOT NULL CHECK (onsite_days_per_month BETWEEN 0 AND 31),
        compensation text,
        status text NOT NULL CHECK (status IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'CLOSED')),
        published_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        -- Newest first: published ones by when they were published, others by creation.
        listed_at timestamptz GENERATED ALWAYS AS (COALESCE(published_at, created_at)) STORED,
        search_text text GENERATED ALWAYS AS (careers.search_normalize(title || ' ' || description)) STORED,
        search_grams text[] GENERATED ALWAYS AS (careers.search_grams(careers.search_normalize(title || ' ' || description))) STORED
      )`);
    await q.query(`CREATE INDEX opportunity_public_listing ON careers.opportunity (listed_at DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX opportunity_listing ON careers.opportunity (listed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX opportunity_region_listing ON careers.opportunity (region_id, status, listed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX opportunity_employer_listing ON careers.opportunity (employer_id, listed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX opportunity_style ON careers.opportunity (work_style, listed_at DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX opportunity_skills ON careers.opportunity USING gin (skills_norm)`);
    await q.query(`CREATE INDEX opportunity_search ON careers.opportunity USING gin (search_grams)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA careers CASCADE`);
  }
}
