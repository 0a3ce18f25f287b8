import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's shared plumbing (messaging, platform) and the identity module's schema. */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await q.query(`CREATE TABLE platform.demo_seed (name text PRIMARY KEY, loaded_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE SCHEMA IF NOT EXISTS messaging`);
    await q.query(`
      CREATE TABLE messaging.outbox (
        position bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        source text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload_version int NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outbox_type ON messaging.outbox (type, position)`);
    await q.query(`
      CREATE TABLE messaging.delivery (
        event_id uuid NOT NULL REFERENCES messaging.outbox (id),
        subscriber text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'PARKED')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        delivered_at timestamptz,
        PRIMARY KEY (event_id, subscriber)
      )`);
    await q.query(`CREATE INDEX delivery_due ON messaging.delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX delivery_parked ON messaging.delivery (event_id) WHERE status = 'PARKED'`);
    await q.query(`
      CREATE TABLE messaging.inbox (
        subscriber text NOT NULL,
        event_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscriber, event_id)
      )`);

    await q.query(`CREATE SCHEMA IF NOT EXISTS identity`);
    await q.query(`
      CREATE TABLE identity.region (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        prefecture text NOT NULL,
        created_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE identity.organization (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL REFERENCES identity.region (id),
        name text NOT NULL,
        capabilities text[] NOT NULL,
        created_at timestamptz NOT NULL,
        version int NOT NULL,
        UNIQUE (region_id, name)
      )`);
    await q.query(`
      CREATE TABLE identity.account (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        display_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('CANDIDATE', 'STAFF', 'ADMIN')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE identity.membership (
        account_id uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES identity.organization (id),
        role text NOT NULL CHECK (role IN ('OWNER', 'MEMBER')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (account_id, organization_id)
      )`);
    await q.query(`CREATE INDEX membership_organization ON identity.membership (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA identity CASCADE`);
    await q.query(`DROP SCHEMA messaging CASCADE`);
    await q.query(`DROP SCHEMA platform CASCADE`);
  }
}
