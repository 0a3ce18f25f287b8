import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EventsRegisterFunction1764700000000 } from './1764700000000-events-register-function.js';

/**
 * The outbox becomes the event log and the source of truth for subscribers (issue 10).
 *
 * Before: publishing wrote a delivery row for every subscriber the publishing process
 * knew, so a subscriber added later never saw older events, and the relay sorted every
 * due delivery to take one. Now:
 *
 * - `messaging.outbox` is an append-only log, kept. Each row records the transaction that
 *   wrote it (`txid`, PostgreSQL's `pg_current_xact_id()`). Positions come from a sequence
 *   at insert, but transactions commit out of order, so a reader going "position > last"
 *   could pass a row that commits later with a lower position. Readers therefore read only
 *   rows whose transaction is older than the oldest one still running
 *   (`txid < pg_snapshot_xmin(pg_current_snapshot())`: no such transaction can still
 *   write), in (txid, position) order, which is then a total order that never grows
 *   behind a reader (index `outbox_log`).
 * - `messaging.subscriber`: one row per subscriber, its cursor in that order
 *   (`cursor_txid`, `cursor_position`: the last row it passed) and the position it starts
 *   from. Rows are created by the relay of a process that runs the subscriber, not by
 *   publishers.
 * - `messaging.delivery` keeps only what the cursor cannot say: per subscriber and
 *   aggregate, the events that failed (RETRY, then PARKED) and the later events held
 *   behind them (HELD), in position order; and, for the retention period, how they ended
 *   (DONE, or SKIPPED by an operator). An event delivered at its first attempt leaves no
 *   row at all.
 * - `outbox_aggregate` finds an event's predecessor in its aggregate (order per aggregate).
 *
 * Existing data: subscribers that have deliveries start after the current end of the log
 * (they were given every event so far); their open deliveries become the head of their
 * aggregate's queue (RETRY or PARKED) with any later ones HELD. Deploy this migration by
 * replacing every process at once: a process of the previous release would keep writing
 * delivery rows in the old shape.
 */
export class MessagingLog1764900000000 implements MigrationInterface {
  name = 'MessagingLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing rows get this migration's transaction id: all are read before any later row.
    await q.query(`ALTER TABLE messaging.outbox ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX outbox_log ON messaging.outbox (txid, position) INCLUDE (type)`);
    await q.query(`CREATE INDEX outbox_aggregate ON messaging.outbox (aggregate_type, aggregate_id, position) INCLUDE (type, txid)`);

    await q.query(`
      CREATE TABLE messaging.subscriber (
        name text PRIMARY KEY,
        event_types text[] NOT NULL DEFAULT '{}',
        cursor_txid xid8 NOT NULL DEFAULT '0',
        cursor_position bigint NOT NULL DEFAULT 0,
        from_position bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now(),
        reset_at timestamptz
      )`);
    // Where a subscriber starting at log position p begins reading: before the oldest
    // transaction that wrote a row at or after p, and never after a transaction still running.
    await q.query(`
      CREATE FUNCTION messaging.cursor_for(p_from bigint) RETURNS xid8 LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN p_from <= 1 THEN '0'::xid8
               ELSE LEAST(pg_snapshot_xmin(pg_current_snapshot()),
                          (SELECT min(o.txid) FROM messaging.outbox o WHERE o.position >= p_from)) END
      $$`);

    await q.query(`ALTER TABLE messaging.delivery
                     ADD COLUMN position bigint, ADD COLUMN aggregate_type text, ADD COLUMN aggregate_id text`);
    await q.query(`UPDATE messaging.delivery d
                      SET position = o.position, aggregate_type = o.aggregate_type, aggregate_id = o.aggregate_id
                     FROM messaging.outbox o WHERE o.id = d.event_id`);
    await q.query(`ALTER TABLE messaging.delivery
                     ALTER COLUMN position SET NOT NULL, ALTER COLUMN aggregate_type SET NOT NULL,
                     ALTER COLUMN aggregate_id SET NOT NULL, ALTER COLUMN status DROP DEFAULT,
                     DROP CONSTRAINT delivery_status_check`);
    await q.query(`
      WITH open AS (
        SELECT event_id, subscriber,
               row_number() OVER (PARTITION BY subscriber, aggregate_type, aggregate_id ORDER BY position) AS n
          FROM messaging.delivery WHERE status IN ('PENDING', 'PARKED'))
      UPDATE messaging.delivery d
         SET status = CASE WHEN open.n > 1 THEN 'HELD' WHEN d.status = 'PARKED' THEN 'PARKED' ELSE 'RETRY' END,
             attempts = CASE WHEN open.n > 1 THEN 0 ELSE d.attempts END
        FROM open WHERE open.event_id = d.event_id AND open.subscriber = d.subscriber`);
    await q.query(`ALTER TABLE messaging.delivery ADD CONSTRAINT delivery_status_check
                     CHECK (status IN ('RETRY', 'HELD', 'PARKED', 'DONE', 'SKIPPED'))`);
    await q.query(`DROP INDEX messaging.delivery_due`);
    await q.query(`DROP INDEX messaging.delivery_parked`);
    // The queue of one subscriber and aggregate, head first (what holds an event, what follows).
    await q.query(`CREATE INDEX delivery_queue ON messaging.delivery (subscriber, aggregate_type, aggregate_id, position)
                     WHERE status IN ('RETRY', 'HELD', 'PARKED')`);
    await q.query(`CREATE INDEX delivery_due ON messaging.delivery (subscriber, next_attempt_at) WHERE status = 'RETRY'`);
    await q.query(`CREATE INDEX delivery_parked ON messaging.delivery (position) WHERE status = 'PARKED'`);
    await q.query(`CREATE INDEX delivery_handled ON messaging.delivery (delivered_at) WHERE status IN ('DONE', 'SKIPPED')`);
    await q.query(`CREATE INDEX inbox_handled ON messaging.inbox (handled_at)`);

    await q.query(`
      INSERT INTO messaging.subscriber (name, cursor_txid, cursor_position)
      SELECT DISTINCT d.subscriber, pg_current_xact_id(), (SELECT coalesce(max(position), 0) FROM messaging.outbox)
        FROM messaging.delivery d`);

    // events.register_for_event appends to the log only: who receives the event is the relay's business.
    await q.query(REGISTER_FOR_EVENT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION events.register_for_event(uuid, uuid, text, text, timestamptz, uuid, uuid, jsonb)`);
    await new EventsRegisterFunction1764700000000().up(q);
    await q.query(`DROP INDEX messaging.inbox_handled`);
    await q.query(`DROP INDEX messaging.delivery_handled`);
    await q.query(`DROP INDEX messaging.delivery_parked`);
    await q.query(`DROP INDEX messaging.delivery_due`);
    await q.query(`DROP INDEX messaging.delivery_queue`);
    await q.query(`ALTER TABLE messaging.delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`UPDATE messaging.delivery SET status = CASE status WHEN 'PARKED' THEN 'PARKED'
                     WHEN 'DONE' THEN 'DONE' WHEN 'SKIPPED' THEN 'DONE' ELSE 'PENDING' END`);
    await q.query(`ALTER TABLE messaging.delivery
                     ALTER COLUMN status SET DEFAULT 'PENDING',
                     ADD CONSTRAINT delivery_status_check CHECK (status IN ('PENDING', 'DONE', 'PARKED')),
                     DROP COLUMN position, DROP COLUMN aggregate_type, DROP COLUMN aggregate_id`);
    await q.query(`CREATE INDEX delivery_due ON messaging.delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX delivery_parked ON messaging.delivery (event_id) WHERE status = 'PARKED'`);
    await q.query(`DROP FUNCTION messaging.cursor_for(bigint)`);
    await q.query(`DROP TABLE messaging.subscriber`);
    await q.query(`DROP INDEX messaging.outbox_aggregate`);
    await q.query(`DROP INDEX messaging.outbox_log`);
    await q.query(`ALTER TABLE messaging.outbox DROP COLUMN txid`);
  }
}

/**
 * 1764700000000's function with its last step changed: it appends the event to the log
 * and writes no delivery rows (`p_outbox` targets no longer name subscribers). Everything
 * else, comments included, is as that migration explains.
 */
const REGISTER_FOR_EVENT = `
  CREATE OR REPLACE FUNCTION events.register_for_event(
    p_event_id uuid,
    p_account_id uuid,
    p_display_name text,
    p_email text,
    p_now timestamptz,
    p_registration_id uuid,
    p_outbox_id uuid,
    p_outbox jsonb,
    OUT outcome text,
    OUT registration_id uuid,
    OUT status text,
    OUT waitlist_position int,
    OUT attendee_display_name text,
    OUT attendee_email text,
    OUT created_at timestamptz,
    OUT seq bigint,
    OUT organization_id uuid,
    OUT region_id uuid,
    OUT event_status text,
    OUT application_deadline timestamptz,
    OUT starts_at timestamptz
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    e record;
    v_status text;
    v_position int;
    v_target jsonb;
  BEGIN
    -- Lock order: the event first, then its registrations (see migration 1764700000000).
    SELECT ev.kind, ev.status, ev.allocation, ev.capacity, ev.confirmed_count, ev.waitlisted_count,
           ev.application_deadline, ev.starts_at, ev.organization_id, ev.region_id
      INTO e
      FROM events.event ev
     WHERE ev.id = p_event_id
       FOR UPDATE;
    IF NOT FOUND OR e.status = 'DRAFT' THEN
      outcome := 'NOT_FOUND';
      RETURN;
    END IF;
    organization_id := e.organization_id;
    region_id := e.region_id;
    event_status := e.status;
    application_deadline := e.application_deadline;
    starts_at := e.starts_at;

    -- Registering again answers the active registration (before any closed check, as before).
    SELECT r.id, r.status, r.waitlist_position, r.attendee_display_name, r.attendee_email, r.created_at, r.seq
      INTO registration_id, status, waitlist_position, attendee_display_name, attendee_email, created_at, seq
      FROM events.registration r
     WHERE r.event_id = p_event_id AND r.account_id = p_account_id AND r.status <> 'CANCELLED';
    IF FOUND THEN
      outcome := 'EXISTING';
      RETURN;
    END IF;

    -- whyRegistrationClosed
    IF e.status <> 'OPEN' OR p_now > coalesce(e.application_deadline, e.starts_at) THEN
      outcome := 'CLOSED';
      RETURN;
    END IF;

    -- placeNewRegistration: LOTTERY collects applications; FIRST_COME seats while one is
    -- left and nobody is queued (a newcomer never overtakes the queue), else queues last.
    IF e.allocation = 'LOTTERY' THEN
      v_status := 'APPLIED';
    ELSIF e.capacity - e.confirmed_count > 0 AND e.waitlisted_count = 0 THEN
      v_status := 'CONFIRMED';
    ELSE
      v_status := 'WAITLISTED';
      v_position := e.waitlisted_count + 1;
    END IF;

    INSERT INTO events.registration AS r (id, event_id, account_id, attendee_display_name, attendee_email, status,
        waitlist_position, created_at, updated_at)
    VALUES (p_registration_id, p_event_id, p_account_id, p_display_name, p_email, v_status, v_position, p_now, p_now)
    RETURNING r.seq INTO seq;

    -- countsAfterPlacing, and the aggregate's version (no optimistic check: we hold the lock).
    UPDATE events.event ev
       SET confirmed_count = ev.confirmed_count + (v_status = 'CONFIRMED')::int,
           waitlisted_count = ev.waitlisted_count + (v_status = 'WAITLISTED')::int,
           applied_count = ev.applied_count + (v_status = 'APPLIED')::int,
           updated_at = p_now,
           version = ev.version + 1
     WHERE ev.id = p_event_id;

    -- The domain event, in this transaction: the row UnitOfWork.publish writes (the log only).
    v_target := p_outbox -> v_status;
    IF v_target IS NULL THEN
      RAISE EXCEPTION 'events.register_for_event: no outbox target for %', v_status;
    END IF;
    INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
    VALUES (
      p_outbox_id,
      v_target ->> 'type',
      v_target ->> 'source',
      v_target ->> 'aggregateType',
      p_event_id::text,
      (v_target ->> 'payloadVersion')::int,
      -- Event.registrationFacts, then what recordPlacement adds for the status.
      jsonb_build_object(
        'eventId', p_event_id,
        'eventKind', e.kind,
        'regionId', e.region_id,
        'organizerOrganizationId', e.organization_id,
        'eventStartsAt', to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'registrationId', p_registration_id,
        'accountId', p_account_id
      ) || CASE v_status
             WHEN 'CONFIRMED' THEN jsonb_build_object('via', 'REGISTRATION')
             WHEN 'WAITLISTED' THEN jsonb_build_object('waitlistPosition', v_position, 'via', 'REGISTRATION')
             ELSE '{}'::jsonb
           END,
      p_now
    );

    outcome := 'CREATED';
    registration_id := p_registration_id;
    status := v_status;
    waitlist_position := v_position;
    attendee_display_name := p_display_name;
    attendee_email := p_email;
    created_at := p_now;
  END
  $fn$`;
