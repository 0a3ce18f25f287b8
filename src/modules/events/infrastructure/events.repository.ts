import { Injectable } from '@nestjs/common';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import { RegistrationApplied, RegistrationConfirmed, RegistrationWaitlisted } from '#libs/contracts/events/events.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { isId, newId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { UnitOfWork, type OutboxTarget } from '#libs/messaging/unit-of-work.js';
import type { RegistrationView } from '../application/queries/events.queries.js';
import { Event, type Attendee, type LotteryDrawRecord, type ProgramItem, type Speaker } from '../domain/event.aggregate.js';
import { FeedbackAlreadySubmitted } from '../domain/events.errors.js';
import type { EventFeedback } from '../domain/feedback.aggregate.js';
import { LOTTERY_ALGORITHM } from '../domain/lottery.js';
import { Registration } from '../domain/registration.entity.js';

const SOURCE = 'events';

/** A row of events.event. */
export interface EventRow {
  id: string;
  organization_id: string;
  region_id: string;
  kind: EventKind;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  venue_name: string;
  venue_address: string;
  venue_online: boolean;
  meeting_point: string | null;
  capacity: number;
  fee_yen: number;
  allocation: AllocationPolicy;
  application_deadline: Date | null;
  status: EventStatus;
  program: Array<{ startsAt: string | null; title: string; description: string | null }>;
  speakers: Speaker[];
  confirmed_count: number;
  waitlisted_count: number;
  applied_count: number;
  attended_count: number;
  lottery_drawn_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** A row of events.registration. */
export interface RegistrationRow {
  id: string;
  seq: string;
  event_id: string;
  account_id: string;
  attendee_display_name: string;
  /** Null once the attendee erased their account. */
  attendee_email: string | null;
  status: RegistrationStatus;
  waitlist_position: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The answer of events.register_for_event (see its migration); columns are null where the outcome says nothing. */
interface RegisterRow {
  outcome: 'NOT_FOUND' | 'CLOSED' | 'EXISTING' | 'CREATED';
  registration_id: string | null;
  status: RegistrationStatus | null;
  waitlist_position: number | null;
  attendee_display_name: string | null;
  attendee_email: string | null;
  created_at: Date | null;
  seq: string | null;
  organization_id: string | null;
  region_id: string | null;
  event_status: EventStatus | null;
  application_deadline: Date | null;
  starts_at: Date | null;
}

/** What a command changed beside the event's row, saved with it (see `saveEvent`). */
export interface EventChanges {
  /** Registrations whose status or queue position changed, written in this order. */
  registrations?: Registration[];
  /** Everyone queued behind this position moves up one (after `registrations` are written). */
  closeQueueGapAfter?: number | null;
  lotteryDraw?: LotteryDrawRecord;
}

/** What registering did: the registration (new or the account's existing one), or why none. */
export type RegisterOutcome =
  | { outcome: 'NOT_FOUND' }
  | { outcome: 'CLOSED'; event: { status: EventStatus; applicationDeadline: Date | null; startsAt: Date } }
  | { outcome: 'EXISTING' | 'CREATED'; registration: RegistrationView };

export const programFromRow = (program: EventRow['program']): ProgramItem[] =>
  program.map((p) => ({ startsAt: p.startsAt === null ? null : new Date(p.startsAt), title: p.title, description: p.description }));

const toEvent = (r: EventRow): Event =>
  Event.restore({
    id: r.id,
    organizationId: r.organization_id,
    regionId: r.region_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    venue: { name: r.venue_name, address: r.venue_address, online: r.venue_online },
    meetingPoint: r.meeting_point,
    capacity: r.capacity,
    feeYen: r.fee_yen,
    allocation: r.allocation,
    applicationDeadline: r.application_deadline,
    status: r.status,
    program: programFromRow(r.program),
    speakers: r.speakers,
    confirmedCount: r.confirmed_count,
    waitlistedCount: r.waitlisted_count,
    appliedCount: r.applied_count,
    attendedCount: r.attended_count,
    lotteryDrawnAt: r.lottery_drawn_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });

const toRegistration = (r: RegistrationRow): Registration =>
  Registration.restore({
    id: r.id,
    eventId: r.event_id,
    accountId: r.account_id,
    attendeeDisplayName: r.attendee_display_name,
    attendeeEmail: r.attendee_email,
    status: r.status,
    waitlistPosition: r.waitlist_position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

/**
 * The events schema, write side. An Event is saved through the one save path
 * (AggregateStore: version checked, its domain events appended to the outbox in the same
 * transaction), with the registrations, queue and draw the same command changed after
 * `lockEvent` took the event row's lock — except a new registration, which one SQL
 * function makes whole, its outbox row included (`registerForEvent`).
 */
@Injectable()
export class EventsRepository {
  private readonly store: AggregateStore;

  constructor(private readonly uow: UnitOfWork) {
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
  }

  // ---- events

  async findEvent(id: string): Promise<Event | null> {
    if (!isId(id)) return null;
    const rows: EventRow[] = await this.db.query('SELECT * FROM events.event WHERE id = $1', [id]);
    return rows.length === 0 ? null : toEvent(rows[0]);
  }

  /**
   * The event, its row locked until the transaction ends: every command that changes an
   * event's seats or registrations takes this lock first, so they run one at a time per
   * event and always lock in the same order (event, then its registrations): no deadlock.
   */
  async lockEvent(id: string): Promise<Event | null> {
    if (!isId(id)) return null;
    const rows: EventRow[] = await this.db.query('SELECT * FROM events.event WHERE id = $1 FOR UPDATE', [id]);
    return rows.length === 0 ? null : toEvent(rows[0]);
  }

  /**
   * registerForEvent in one statement: the SQL function events.register_for_event (see its
   * migration, 1764700000000-events-register-function.ts) locks the event row, checks, places
   * the newcomer, writes the registration, the counters, the version and the outbox row, and
   * answers — one round trip, and the event's lock is held only while the function runs
   * (lock order: the event first, then its registrations, as in lock-registration.ts).
   */
  async registerForEvent(eventId: string, attendee: Attendee, now: Date): Promise<RegisterOutcome> {
    if (!isId(eventId)) return { outcome: 'NOT_FOUND' };
    const rows = await this.uow.runStatement<RegisterRow>(
      'SELECT * FROM events.register_for_event($1, $2, $3, $4, $5, $6, $7, $8::jsonb)',
      [eventId, attendee.accountId, attendee.displayName, attendee.email, now, newId(), newId(), this.registrationTargets()],
      ([row]) => row?.outcome === 'CREATED',
    );
    const row = rows[0];
    switch (row.outcome) {
      case 'NOT_FOUND':
        return { outcome: 'NOT_FOUND' };
      case 'CLOSED':
        return {
          outcome: 'CLOSED',
          event: { status: row.event_status!, applicationDeadline: row.application_deadline, startsAt: row.starts_at! },
        };
      case 'EXISTING':
      case 'CREATED':
        return {
          outcome: row.outcome,
          registration: {
            id: row.registration_id!,
            eventId,
            accountId: attendee.accountId,
            organizerOrganizationId: row.organization_id!,
            regionId: row.region_id!,
            status: row.status!,
            waitlistPosition: row.waitlist_position,
            attendeeDisplayName: row.attendee_display_name!,
            email: row.attendee_email!,
            createdAt: row.created_at!,
            seq: String(row.seq),
          },
        };
    }
  }

  /**
   * What the function appends to the log for each status a newcomer may get: the names and
   * versions of the contracts' definitions (the payload is built in SQL).
   */
  private registrationTargets(): string {
    const targets: Record<'CONFIRMED' | 'WAITLISTED' | 'APPLIED', OutboxTarget> = {
      CONFIRMED: this.uow.outboxTarget(SOURCE, RegistrationConfirmed),
      WAITLISTED: this.uow.outboxTarget(SOURCE, RegistrationWaitlisted),
      APPLIED: this.uow.outboxTarget(SOURCE, RegistrationApplied),
    };
    return JSON.stringify(targets);
  }

  /**
   * Saves the event (its version checked) with what the same command changed beside its
   * row, then appends its events to the outbox: one save per command.
   */
  async saveEvent(event: Event, changes: EventChanges = {}): Promise<void> {
    const s = event.state;
    await this.store.save(event, {
      table: 'events.event',
      what: 'The event',
      columns: {
        status: s.status, confirmed_count: s.confirmedCount, waitlisted_count: s.waitlistedCount, applied_count: s.appliedCount,
        attended_count: s.attendedCount, lottery_drawn_at: s.lotteryDrawnAt, updated_at: s.updatedAt,
      },
      insertOnly: {
        organization_id: s.organizationId, region_id: s.regionId, kind: s.kind, title: s.title, description: s.description,
        starts_at: s.startsAt, ends_at: s.endsAt, venue_name: s.venue.name, venue_address: s.venue.address,
        venue_online: s.venue.online, meeting_point: s.meetingPoint, capacity: s.capacity, fee_yen: s.feeYen,
        allocation: s.allocation, application_deadline: s.applicationDeadline,
        program: JSON.stringify(s.program.map((p) => ({ ...p, startsAt: p.startsAt?.toISOString() ?? null }))),
        speakers: JSON.stringify(s.speakers), created_at: s.createdAt,
      },
      alsoWrite: async () => {
        // Positions first go to null for those who left the queue, then those behind move up.
        if (changes.registrations) await this.updateRegistrations(changes.registrations);
        if (changes.closeQueueGapAfter != null) await this.closeQueueGap(s.id, changes.closeQueueGapAfter);
        if (changes.lotteryDraw) await this.insertLotteryDraw(changes.lotteryDraw);
      },
    });
  }

  // ---- registrations

  async findRegistration(id: string): Promise<Registration | null> {
    if (!isId(id)) return null;
    const rows: RegistrationRow[] = await this.db.query('SELECT * FROM events.registration WHERE id = $1', [id]);
    return rows.length === 0 ? null : toRegistration(rows[0]);
  }

  /** The WAITLISTED registration at position 1, if any. */
  async findQueueHead(eventId: string): Promise<Registration | null> {
    const rows: RegistrationRow[] = await this.db.query(
      `SELECT * FROM events.registration WHERE event_id = $1 AND waitlist_position = 1`,
      [eventId],
    );
    return rows.length === 0 ? null : toRegistration(rows[0]);
  }

  async findRegistrationsWithStatus(eventId: string, status: RegistrationStatus): Promise<Registration[]> {
    const rows: RegistrationRow[] = await this.db.query(
      `SELECT * FROM events.registration WHERE event_id = $1 AND status = $2 ORDER BY seq`,
      [eventId, status],
    );
    return rows.map(toRegistration);
  }

  /** Writes the status and queue position of changed registrations, in one statement. */
  private async updateRegistrations(registrations: Registration[]): Promise<void> {
    if (registrations.length === 0) return;
    await this.db.query(
      `UPDATE events.registration r
          SET status = c.status, waitlist_position = c.position, updated_at = c.updated_at
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[]) AS c(id, status, position, updated_at)
        WHERE r.id = c.id`,
      [
        registrations.map((r) => r.id),
        registrations.map((r) => r.status),
        registrations.map((r) => r.waitlistPosition),
        registrations.map((r) => r.state.updatedAt),
      ],
    );
  }

  /**
   * Everyone queued behind `position` moves up one, so the queue stays 1..n without gaps
   * (the rule of closeQueueGap). The unique position constraint is checked at the end of
   * the statement, so the order PostgreSQL updates the rows in does not matter.
   */
  private async closeQueueGap(eventId: string, position: number): Promise<void> {
    await this.db.query(
      `UPDATE events.registration SET waitlist_position = waitlist_position - 1
        WHERE event_id = $1 AND waitlist_position > $2`,
      [eventId, position],
    );
  }

  private async insertLotteryDraw(draw: LotteryDrawRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO events.lottery_draw (event_id, algorithm, seed, drawn_at, applicant_count, winner_count, result_digest, drawn_account_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[])`,
      [draw.eventId, LOTTERY_ALGORITHM, draw.seed, draw.drawnAt, draw.applicantCount, draw.winnerCount, draw.resultDigest, draw.drawn],
    );
  }

  // ---- erasure (contract 90-privacy)

  /** The account's registrations that still hold or wait for a seat, in events still taking cancellations. */
  async liveRegistrationsOf(accountId: string): Promise<Array<{ id: string; eventId: string }>> {
    if (!isId(accountId)) return [];
    const rows: Array<{ id: string; event_id: string }> = await this.db.query(
      `SELECT r.id, r.event_id FROM events.registration r JOIN events.event e ON e.id = r.event_id
        WHERE r.account_id = $1 AND r.status IN ('APPLIED', 'CONFIRMED', 'WAITLISTED') AND e.status IN ('OPEN', 'CLOSED')
        ORDER BY r.seq`,
      [accountId],
    );
    return rows.map((r) => ({ id: r.id, eventId: r.event_id }));
  }

  /**
   * An erased person's registrations keep their rows (seats, queues and counts were theirs)
   * as 退会済みユーザー without an email; their feedback keeps its rating without a comment.
   * No state changes: the status, queue position and version of every row stay.
   */
  async scrubAttendee(accountId: string): Promise<void> {
    if (!isId(accountId)) return;
    await this.db.query(
      `UPDATE events.registration SET attendee_display_name = $2, attendee_email = NULL
        WHERE account_id = $1 AND (attendee_display_name <> $2 OR attendee_email IS NOT NULL)`,
      [accountId, ERASED_DISPLAY_NAME],
    );
    await this.db.query('UPDATE events.feedback SET comment = NULL WHERE account_id = $1 AND comment IS NOT NULL', [accountId]);
  }

  // ---- feedback

  async hasFeedback(registrationId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM events.feedback WHERE registration_id = $1', [registrationId]);
    return rows.length > 0;
  }

  async saveFeedback(feedback: EventFeedback): Promise<void> {
    const s = feedback.state;
    await this.store.save(feedback, {
      table: 'events.feedback',
      what: 'The feedback',
      columns: {
        registration_id: s.registrationId, event_id: s.eventId, account_id: s.accountId, rating: s.rating, comment: s.comment,
        interested_work_styles: s.interestedWorkStyles satisfies WorkStyle[], created_at: s.createdAt,
      },
      // Two submissions at once: the unique registration_id decides.
      onDuplicate: () => new FeedbackAlreadySubmitted(),
      writeOnce: true,
    });
  }
}
