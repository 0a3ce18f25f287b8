import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support module (schema `support`): consultation slots and consultations (the write
 * side), and the journey read model, built only from every module's integration events
 * (subscriber `support.journey`; an operator's resetSubscriber empties and rebuilds it).
 * Nothing here references another schema.
 */
export class Support1765200000000 implements MigrationInterface {
  name = 'Support1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS support`);
    await q.query(`
      CREATE TABLE support.consultation_slot (
        id uuid PRIMARY KEY,
        region_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        topics text[] NOT NULL CHECK (cardinality(topics) > 0),
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'PHONE', 'IN_PERSON')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        offered_by uuid NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX consultation_slot_region ON support.consultation_slot (region_id, starts_at, id)`);
    await q.query(`CREATE INDEX consultation_slot_organization ON support.consultation_slot (organization_id, starts_at)`);
    await q.query(`
      CREATE TABLE support.consultation (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        region_id uuid NOT NULL,
        display_name text NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        phone text NOT NULL,
        topics text[] NOT NULL CHECK (cardinality(topics) > 0),
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'PHONE', 'IN_PERSON')),
        question text NOT NULL,
        slot_id uuid,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'BOOKED', 'DONE', 'NO_SHOW', 'CANCELLED')),
        routed_to uuid[] NOT NULL,
        outcome text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        CHECK ((status = 'BOOKED') <= (slot_id IS NOT NULL))
      )`);
    // One consultation per slot, whatever the concurrency: the database decides, in the
    // statement that books (a cancelled consultation lets go of its slot).
    await q.query(`CREATE UNIQUE INDEX consultation_one_per_slot ON support.consultation (slot_id) WHERE status <> 'CANCELLED'`);
    await q.query(`CREATE INDEX consultation_account ON support.consultation (account_id, created_at DESC)`);
    await q.query(`CREATE INDEX consultation_routed ON support.consultation USING gin (routed_to)`);
    await q.query(`CREATE INDEX consultation_region ON support.consultation (region_id, created_at, id)`);

    // ---- the journey read model (subscriber support.journey)
    await q.query(`
      CREATE TABLE support.journey_person (
        account_id uuid PRIMARY KEY,
        display_name text NOT NULL,
        email text NOT NULL,
        registered_at timestamptz NOT NULL,
        registered_event_id uuid NOT NULL
      )`);
    await q.query(`
      CREATE TABLE support.journey (
        account_id uuid NOT NULL,
        region_id uuid NOT NULL,
        stage_rank int NOT NULL,
        -- What nextSteps are drawn from: what has happened so far.
        facts text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, region_id)
      )`);
    await q.query(`CREATE INDEX journey_region_activity ON support.journey (region_id, updated_at DESC, account_id DESC)`);
    await q.query(`
      CREATE TABLE support.journey_entry (
        account_id uuid NOT NULL,
        region_id uuid NOT NULL,
        event_id uuid NOT NULL,
        at timestamptz NOT NULL,
        module text NOT NULL,
        kind text NOT NULL,
        subject_id uuid,
        -- What the summary names, looked up when it is read (so the order events arrive in does not matter).
        ref_kind text,
        ref_id uuid,
        detail jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (account_id, region_id, event_id)
      )`);
    await q.query(`CREATE INDEX journey_entry_newest ON support.journey_entry (account_id, region_id, at DESC, event_id DESC)`);
    // Through what an organization serves the person in a region (who sees the journey).
    // organization_id 0…0: every organization of the region (a match of the region).
    await q.query(`
      CREATE TABLE support.journey_service (
        account_id uuid NOT NULL,
        region_id uuid NOT NULL,
        module text NOT NULL,
        subject_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        active boolean NOT NULL,
        since timestamptz NOT NULL,
        PRIMARY KEY (account_id, region_id, module, subject_id, organization_id)
      )`);
    await q.query(`CREATE INDEX journey_service_organization ON support.journey_service (region_id, organization_id) WHERE active`);
    await q.query(`
      CREATE TABLE support.journey_title (
        ref_kind text NOT NULL,
        ref_id uuid NOT NULL,
        title text NOT NULL,
        PRIMARY KEY (ref_kind, ref_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA IF EXISTS support CASCADE`);
  }
}
