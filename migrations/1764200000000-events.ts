import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The events module (schema `events`): events, registrations, lottery draws, feedback.
 *
 * Seats are decided by the database: every command that changes an event's registrations
 * first locks the event row (`SELECT … FOR UPDATE`), so they run one at a time per event;
 * the constraints below make the rules hold even if code were wrong:
 * - `confirmed_count <= capacity`;
 * - one active (not CANCELLED) registration per account and event;
 * - queue positions unique per event, checked at the end of each statement (DEFERRABLE)
 *   so "move everyone behind up by one" is one UPDATE.
 */
export class Events1764200000000 implements MigrationInterface {
  name = 'Events1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS events`);
    await q.query(`
      CREATE TABLE events.event (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        region_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('BRIEFING', 'TOUR', 'WORKSHOP', 'MEETUP')),
        title text NOT NULL,
        description text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        venue_name text NOT NULL,
        venue_address text NOT NULL,
        venue_online boolean NOT NULL,
        meeting_point text,
        capacity int NOT NULL CHECK (capacity >= 1),
        fee_yen int NOT NULL CHECK (fee_yen >= 0),
        allocation text NOT NULL CHECK (allocation IN ('FIRST_COME', 'LOTTERY')),
        application_deadline timestamptz,
        status text NOT NULL CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'COMPLETED', 'CANCELLED')),
        program jsonb NOT NULL,
        speakers jsonb NOT NULL,
        confirmed_count int NOT NULL CHECK (confirmed_count >= 0),
        waitlisted_count int NOT NULL CHECK (waitlisted_count >= 0),
        applied_count int NOT NULL CHECK (applied_count >= 0),
        attended_count int NOT NULL CHECK (attended_count >= 0),
        lottery_drawn_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        CHECK (ends_at > starts_at),
        CHECK (application_deadline IS NULL OR application_deadline <= starts_at),
        CHECK (confirmed_count <= capacity)
      )`);
    // Soonest first, keyset (starts_at, id).
    await q.query(`CREATE INDEX event_listing ON events.event (starts_at, id)`);
    await q.query(`CREATE INDEX event_region_listing ON events.event (region_id, starts_at, id)`);
    await q.query(`CREATE INDEX event_organization ON events.event (organization_id)`);

    await q.query(`
      CREATE TABLE events.registration (
        id uuid PRIMARY KEY,
        -- Registration order: taken under the event row's lock, so it is the order seats were given.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        event_id uuid NOT NULL REFERENCES events.event (id),
        account_id uuid NOT NULL,
        attendee_display_name text NOT NULL,
        attendee_email text NOT NULL,
        status text NOT NULL CHECK (status IN ('APPLIED', 'CONFIRMED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'NO_SHOW')),
        waitlist_position int CHECK (waitlist_position >= 1),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'WAITLISTED') = (waitlist_position IS NOT NULL)),
        CONSTRAINT registration_queue_position UNIQUE (event_id, waitlist_position) DEFERRABLE INITIALLY IMMEDIATE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX registration_one_active ON events.registration (event_id, account_id) WHERE status <> 'CANCELLED'`,
    );
    await q.query(`CREATE INDEX registration_event_order ON events.registration (event_id, seq)`);
    await q.query(`CREATE INDEX registration_event_status ON events.registration (event_id, status)`);
    await q.query(`CREATE INDEX registration_account ON events.registration (account_id, created_at DESC, seq DESC)`);

    await q.query(`
      CREATE TABLE events.lottery_draw (
        event_id uuid PRIMARY KEY REFERENCES events.event (id),
        algorithm text NOT NULL,
        seed text NOT NULL,
        drawn_at timestamptz NOT NULL,
        applicant_count int NOT NULL CHECK (applicant_count >= 0),
        winner_count int NOT NULL CHECK (winner_count >= 0 AND winner_count <= applicant_count),
        result_digest text NOT NULL,
        -- The account ids in drawn order: what the digest is of.
        drawn_account_ids uuid[] NOT NULL
      )`);

    await q.query(`
      CREATE TABLE events.feedback (
        id uuid PRIMARY KEY,
        registration_id uuid NOT NULL UNIQUE REFERENCES events.registration (id),
        event_id uuid NOT NULL REFERENCES events.event (id),
        account_id uuid NOT NULL,
        rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text,
        interested_work_styles text[] NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX feedback_event ON events.feedback (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA events CASCADE`);
  }
}
