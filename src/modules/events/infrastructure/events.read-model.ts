import { Injectable } from '@nestjs/common';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { EventKind, EventStatus } from '#libs/contracts/events/enums.js';
import { isId } from '#libs/ddd/ids.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type {
  EventFeedbackView,
  EventView,
  LotteryDrawView,
  RegistrationView,
} from '../application/queries/events.queries.js';
import { programFromRow, type EventRow, type RegistrationRow } from './events.repository.js';
import { exportedDate } from '#libs/contracts/privacy/export.js';

const eventView = (r: EventRow): EventView => ({
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
  seatsLeft: Math.max(0, r.capacity - r.confirmed_count),
});

type RegistrationViewRow = RegistrationRow & { organization_id: string; region_id: string };

const registrationView = (r: RegistrationViewRow): RegistrationView => ({
  id: r.id,
  eventId: r.event_id,
  accountId: r.account_id,
  organizerOrganizationId: r.organization_id,
  regionId: r.region_id,
  status: r.status,
  waitlistPosition: r.waitlist_position,
  attendeeDisplayName: r.attendee_display_name,
  email: r.attendee_email,
  createdAt: r.created_at,
  seq: String(r.seq),
});

// The organizer travels with each registration (same schema, so the join is ours to make).
const REGISTRATION_SELECT = `
  SELECT r.*, e.organization_id, e.region_id
    FROM events.registration r JOIN events.event e ON e.id = r.event_id`;

/** What a list of events may show: the public statuses, plus others of some organizers. */
export interface EventScope {
  regionId?: string | null;
  kinds?: EventKind[] | null;
  /** Null: the public statuses. */
  statuses: EventStatus[] | null;
  publicStatuses: readonly EventStatus[];
  /** Organizations whose events the caller sees in any status. */
  organizerIds: string[];
  startsAfter?: Date | null;
}

/** The events schema, read side: plain SQL shaped for the screens; never changes state. */
@Injectable()
export class EventsReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow;
  }

  async eventsByIds(ids: readonly string[]): Promise<EventView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: EventRow[] = await this.db.query('SELECT * FROM events.event WHERE id = ANY($1::uuid[])', [valid]);
    return rows.map(eventView);
  }

  /** A page of events, soonest first (keyset on starts_at, id), and how many match in all. */
  async listEvents(
    scope: EventScope,
    limit: number,
    after: { startsAt: Date; id: string } | null,
  ): Promise<{ rows: EventView[]; total: () => Promise<number> }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (scope.statuses === null) {
      where.push(`e.status = ANY(${param(scope.publicStatuses)}::text[])`);
    } else {
      where.push(`e.status = ANY(${param(scope.statuses)}::text[])`);
      where.push(`(e.status = ANY(${param(scope.publicStatuses)}::text[]) OR e.organization_id = ANY(${param(scope.organizerIds)}::uuid[]))`);
    }
    if (scope.regionId !== undefined && scope.regionId !== null) {
      if (!isId(scope.regionId)) return { rows: [], total: async () => 0 };
      where.push(`e.region_id = ${param(scope.regionId)}`);
    }
    if (scope.kinds && scope.kinds.length > 0) where.push(`e.kind = ANY(${param(scope.kinds)}::text[])`);
    if (scope.startsAfter) where.push(`e.starts_at > ${param(scope.startsAfter)}`);
    const filter = where.join(' AND ');
    const countParams = [...params];
    const page = after ? ` AND (e.starts_at, e.id) > (${param(after.startsAt)}::timestamptz, ${param(after.id)}::uuid)` : '';
    const rows: EventRow[] = await this.db.query(
      `SELECT e.* FROM events.event e WHERE ${filter}${page} ORDER BY e.starts_at, e.id LIMIT ${param(limit)}`,
      params,
    );
    const total = async (): Promise<number> =>
      (await this.db.query(`SELECT count(*)::int AS n FROM events.event e WHERE ${filter}`, countParams))[0].n;
    return { rows: rows.map(eventView), total };
  }

  async registrationsByIds(ids: readonly string[]): Promise<RegistrationView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: RegistrationViewRow[] = await this.db.query(`${REGISTRATION_SELECT} WHERE r.id = ANY($1::uuid[])`, [valid]);
    return rows.map(registrationView);
  }

  /** Newest first. */
  async registrationsOfAccount(accountId: string): Promise<RegistrationView[]> {
    const rows: RegistrationViewRow[] = await this.db.query(
      `${REGISTRATION_SELECT} WHERE r.account_id = $1 ORDER BY r.created_at DESC, r.seq DESC`,
      [accountId],
    );
    return rows.map(registrationView);
  }

  async activeRegistrationsOfAccount(accountId: string, eventIds: readonly string[]): Promise<RegistrationView[]> {
    const valid = eventIds.filter(isId);
    if (valid.length === 0) return [];
    const rows: RegistrationViewRow[] = await this.db.query(
      `${REGISTRATION_SELECT} WHERE r.account_id = $1 AND r.event_id = ANY($2::uuid[]) AND r.status <> 'CANCELLED'`,
      [accountId, valid],
    );
    return rows.map(registrationView);
  }

  /** The queued registrations of some accounts for one event, from queue position `from` on. */
  async queuedRegistrationsOf(eventId: string, accountIds: readonly string[], from: number): Promise<RegistrationView[]> {
    const valid = accountIds.filter(isId);
    if (!isId(eventId) || valid.length === 0) return [];
    const rows: RegistrationViewRow[] = await this.db.query(
      `${REGISTRATION_SELECT}
        WHERE r.event_id = $1 AND r.status = 'WAITLISTED' AND r.waitlist_position >= $2 AND r.account_id = ANY($3::uuid[])`,
      [eventId, from, valid],
    );
    return rows.map(registrationView);
  }

  /** A page of an event's registrations in registration order (keyset on seq). */
  async registrationsOfEvent(
    eventId: string,
    limit: number,
    afterSeq: string | null,
  ): Promise<{ rows: RegistrationView[]; total: () => Promise<number> }> {
    const rows: RegistrationViewRow[] = afterSeq
      ? await this.db.query(`${REGISTRATION_SELECT} WHERE r.event_id = $1 AND r.seq > $2::bigint ORDER BY r.seq LIMIT $3`, [eventId, afterSeq, limit])
      : await this.db.query(`${REGISTRATION_SELECT} WHERE r.event_id = $1 ORDER BY r.seq LIMIT $2`, [eventId, limit]);
    const total = async (): Promise<number> =>
      (await this.db.query('SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1', [eventId]))[0].n;
    return { rows: rows.map(registrationView), total };
  }

  async lotteryDraw(eventId: string): Promise<LotteryDrawView | null> {
    const rows: Array<{
      event_id: string;
      algorithm: string;
      seed: string;
      drawn_at: Date;
      applicant_count: number;
      winner_count: number;
      result_digest: string;
    }> = await this.db.query(
      `SELECT event_id, algorithm, seed, drawn_at, applicant_count, winner_count, result_digest
         FROM events.lottery_draw WHERE event_id = $1`,
      [eventId],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      eventId: r.event_id,
      algorithm: r.algorithm,
      seed: r.seed,
      drawnAt: r.drawn_at,
      applicantCount: r.applicant_count,
      winnerCount: r.winner_count,
      resultDigest: r.result_digest,
    };
  }

  /**
   * Everything the events module holds about the account, as plain JSON (ISO dates, no
   * internal columns): its registrations, its feedback, and its place in the lotteries it
   * was drawn in (contract 90-privacy: the person's export).
   */
  async personalDataOf(accountId: string): Promise<Record<string, unknown>> {
    if (!isId(accountId)) return { registrations: [], feedback: [], lotteryDraws: [] };
    const registrations: Array<{
      id: string; event_id: string; title: string; starts_at: Date; status: string; waitlist_position: number | null;
      attendee_display_name: string; attendee_email: string | null; created_at: Date; updated_at: Date;
    }> = await this.db.query(
      `SELECT r.id, r.event_id, e.title, e.starts_at, r.status, r.waitlist_position, r.attendee_display_name, r.attendee_email,
              r.created_at, r.updated_at
         FROM events.registration r JOIN events.event e ON e.id = r.event_id
        WHERE r.account_id = $1 ORDER BY r.created_at, r.seq`,
      [accountId],
    );
    const feedback: Array<{
      id: string; registration_id: string; event_id: string; title: string; rating: number; comment: string | null;
      interested_work_styles: WorkStyle[]; created_at: Date;
    }> = await this.db.query(
      `SELECT f.id, f.registration_id, f.event_id, e.title, f.rating, f.comment, f.interested_work_styles, f.created_at
         FROM events.feedback f JOIN events.event e ON e.id = f.event_id
        WHERE f.account_id = $1 ORDER BY f.created_at, f.id`,
      [accountId],
    );
    const draws: Array<{ event_id: string; title: string; drawn_at: Date; position: number; winner_count: number }> = await this.db.query(
      `SELECT d.event_id, e.title, d.drawn_at, array_position(d.drawn_account_ids, $1::uuid) AS position, d.winner_count
         FROM events.lottery_draw d JOIN events.event e ON e.id = d.event_id
        WHERE $1::uuid = ANY(d.drawn_account_ids) ORDER BY d.drawn_at, d.event_id`,
      [accountId],
    );
    return {
      registrations: registrations.map((r) => ({
        id: r.id, eventId: r.event_id, eventTitle: r.title, eventStartsAt: exportedDate(r.starts_at), status: r.status,
        waitlistPosition: r.waitlist_position, attendeeDisplayName: r.attendee_display_name, attendeeEmail: r.attendee_email,
        createdAt: exportedDate(r.created_at), updatedAt: exportedDate(r.updated_at),
      })),
      feedback: feedback.map((f) => ({
        id: f.id, registrationId: f.registration_id, eventId: f.event_id, eventTitle: f.title, rating: f.rating, comment: f.comment,
        interestedWorkStyles: f.interested_work_styles, createdAt: exportedDate(f.created_at),
      })),
      lotteryDraws: draws.map((d) => ({
        eventId: d.event_id, eventTitle: d.title, drawnAt: exportedDate(d.drawn_at), drawnPosition: d.position, wonSeatInDraw: d.position <= d.winner_count,
      })),
    };
  }

  async feedback(id: string): Promise<EventFeedbackView | null> {
    if (!isId(id)) return null;
    const rows: Array<{
      id: string;
      registration_id: string;
      rating: number;
      comment: string | null;
      interested_work_styles: WorkStyle[];
      created_at: Date;
    }> = await this.db.query('SELECT * FROM events.feedback WHERE id = $1', [id]);
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      id: r.id,
      registrationId: r.registration_id,
      rating: r.rating,
      comment: r.comment,
      interestedWorkStyles: r.interested_work_styles,
      createdAt: r.created_at,
    };
  }
}
