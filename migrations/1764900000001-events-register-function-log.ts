import type { MigrationInterface, QueryRunner } from 'typeorm';
import { EventsRegisterFunction1764700000000 } from './1764700000000-events-register-function.js';

/**
 * events.register_for_event appends its event to the log only, now that the log is the
 * source of truth for subscribers (1764900000000-messaging-log): who receives an event is
 * the relay's business, decided when relaying, so the function writes no delivery rows.
 */
export class EventsRegisterFunctionLog1764900000001 implements MigrationInterface {
  name = 'EventsRegisterFunctionLog1764900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(REGISTER_FOR_EVENT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION events.register_for_event(uuid, uuid, text, text, timestamptz, uuid, uuid, jsonb)`);
    await new EventsRegisterFunction1764700000000().up(q);
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
