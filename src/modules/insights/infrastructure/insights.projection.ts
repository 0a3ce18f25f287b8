import { Injectable } from '@nestjs/common';
import {
  MentorshipRequested,
  RoleApplicationSubmitted,
} from '#libs/contracts/community/events.js';
import {
  AttendeeCheckedIn,
  AttendeeNoShow,
  EventCancelled,
  EventClosed,
  EventCompleted,
  EventCreated,
  EventFeedbackSubmitted,
  EventOpened,
  RegistrationApplied,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationWaitlisted,
} from '#libs/contracts/events/events.js';
import { StayCheckedIn, StayRequested, ViewingRequested } from '#libs/contracts/housing/events.js';
import { RegionCreated } from '#libs/contracts/identity/events.js';
import { ConsultationCancelled, ConsultationRequested } from '#libs/contracts/support/events.js';
import {
  CandidateProfileSaved,
  DualRegionStageChanged,
  InterestExpressed,
  MatchEstablished,
  MatchStageChanged,
  ScoutSent,
} from '#libs/contracts/matching/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';

/** The first-reached columns of insights.person, one per funnel stage after joining. */
type StageColumn =
  | 'event_registered_at'
  | 'event_attended_at'
  | 'interested_or_scouted_at'
  | 'matched_at'
  | 'engaged_at'
  | 'trial_stay_at'
  | 'dual_region_at'
  | 'relocated_at';

/** One SQL statement of an event's change. */
interface Statement {
  text: string;
  values: unknown[];
}

type Apply = (event: DomainEvent) => Statement[];

/**
 * Applies integration events to insights' read models, in the relay's transaction (so each
 * is applied effectively once). Every write is order-free across aggregates (first times are
 * LEAST, upserts by id), and the events of one aggregate arrive in order: a rebuild from the
 * log, in whatever interleaving, gives the same tables.
 */
@Injectable()
export class InsightsProjection {
  private readonly appliers = new Map<string, Apply>();

  constructor(private readonly uow: UnitOfWork) {
    const on = <P>(definition: { type: string; is(e: DomainEvent): e is DomainEvent<P> }, apply: (e: DomainEvent<P>) => Statement | Statement[]) =>
      this.appliers.set(definition.type, (e) => (definition.is(e) ? [apply(e)].flat() : []));

    on(RegionCreated, (e) =>
      this.sql(
        `INSERT INTO insights.region (region_id, code, name) VALUES ($1, $2, $3)
         ON CONFLICT (region_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name`,
        [e.payload.regionId, e.payload.code, e.payload.name],
      ),
    );

    // ---- matching: profiles, pairs, matches
    on(CandidateProfileSaved, (e) => {
      const p = e.payload;
      const profile = this.sql(
        `INSERT INTO insights.profile AS t (account_id, age_band, home_prefecture, work_styles, first_saved_at)
         VALUES ($1, $2, $3, $4::text[], $5)
         ON CONFLICT (account_id) DO UPDATE SET age_band = EXCLUDED.age_band, home_prefecture = EXCLUDED.home_prefecture,
           work_styles = EXCLUDED.work_styles, first_saved_at = LEAST(t.first_saved_at, EXCLUDED.first_saved_at)`,
        [p.accountId, p.ageBand, p.homePrefecture ?? null, p.desiredWorkStyles, e.occurredAt],
      );
      // Listing a region among the desired ones joins its funnel.
      return [profile, ...[...new Set(p.desiredRegionIds)].map((regionId) => this.reach(regionId, p.accountId, e.occurredAt, null))];
    });
    on(DualRegionStageChanged, (e) => {
      const column = e.payload.to === 'DUAL_REGION' ? 'dual_region_at' : e.payload.to === 'RELOCATED' ? 'relocated_at' : null;
      if (!column) return [];
      return [...new Set(e.payload.desiredRegionIds)].map((regionId) => this.reach(regionId, e.payload.accountId, e.occurredAt, column));
    });
    on(InterestExpressed, (e) => this.pair(e.payload.interestId, 'INTEREST', e.payload, e.occurredAt));
    on(ScoutSent, (e) => this.pair(e.payload.scoutId, 'SCOUT', e.payload, e.occurredAt));
    on(MatchEstablished, (e) => {
      const p = e.payload;
      return [
        this.sql(
          `INSERT INTO insights.match (match_id, region_id, account_id, work_style, established_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (match_id) DO NOTHING`,
          [p.matchId, p.regionId, p.accountId, p.workStyle, e.occurredAt],
        ),
        this.reach(p.regionId, p.accountId, e.occurredAt, 'matched_at'),
      ];
    });
    on(MatchStageChanged, (e) => {
      const p = e.payload;
      const column = { ENGAGED: 'engaged_at', COMPLETED: 'completed_at', WITHDRAWN: 'withdrawn_at' }[p.to];
      if (!column) return [];
      const match = this.sql(`UPDATE insights.match SET ${column} = COALESCE(${column}, $2) WHERE match_id = $1`, [p.matchId, e.occurredAt]);
      return p.to === 'ENGAGED' ? [match, this.reach(p.regionId, p.accountId, e.occurredAt, 'engaged_at')] : [match];
    });

    // ---- events: the event, its registrations, attendance, feedback
    const snapshot = (e: DomainEvent<{ eventId: string; regionId: string; title: string; eventKind: string; eventStartsAt: string; capacity: number; status: string }>) =>
      this.sql(
        `INSERT INTO insights.event (event_id, region_id, title, kind, starts_at, capacity, status) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (event_id) DO UPDATE SET title = EXCLUDED.title, kind = EXCLUDED.kind, starts_at = EXCLUDED.starts_at,
           capacity = EXCLUDED.capacity, status = EXCLUDED.status`,
        [e.payload.eventId, e.payload.regionId, e.payload.title, e.payload.eventKind, e.payload.eventStartsAt, e.payload.capacity, e.payload.status],
      );
    for (const definition of [EventCreated, EventOpened, EventClosed, EventCompleted, EventCancelled]) on(definition, snapshot);
    const registered = (e: DomainEvent<{ registrationId: string; eventId: string; regionId: string; accountId: string }>, status: string) => {
      const p = e.payload;
      const registration = this.sql(
        `INSERT INTO insights.registration (registration_id, event_id, region_id, account_id, status, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (registration_id) DO UPDATE SET status = EXCLUDED.status`,
        [p.registrationId, p.eventId, p.regionId, p.accountId, status, e.occurredAt],
      );
      return [registration, this.reach(p.regionId, p.accountId, e.occurredAt, 'event_registered_at')];
    };
    on(RegistrationApplied, (e) => registered(e, 'APPLIED'));
    on(RegistrationConfirmed, (e) => registered(e, 'CONFIRMED'));
    on(RegistrationWaitlisted, (e) => registered(e, 'WAITLISTED'));
    on(RegistrationPromoted, (e) => this.registrationStatus(e.payload.registrationId, 'CONFIRMED'));
    on(RegistrationCancelled, (e) => this.registrationStatus(e.payload.registrationId, 'CANCELLED'));
    on(AttendeeNoShow, (e) => this.registrationStatus(e.payload.registrationId, 'NO_SHOW'));
    on(AttendeeCheckedIn, (e) => {
      const p = e.payload;
      return [
        this.sql(`UPDATE insights.registration SET status = 'ATTENDED', attended_at = $2 WHERE registration_id = $1`, [p.registrationId, e.occurredAt]),
        this.reach(p.regionId, p.accountId, e.occurredAt, 'event_attended_at'),
      ];
    });
    // Feedback is its own aggregate (no order with the registration's events): a row of its own.
    on(EventFeedbackSubmitted, (e) =>
      this.sql(
        `INSERT INTO insights.feedback (registration_id, event_id, rating) VALUES ($1, $2, $3)
         ON CONFLICT (registration_id) DO UPDATE SET rating = EXCLUDED.rating`,
        [e.payload.registrationId, e.payload.eventId, e.payload.rating],
      ),
    );

    // ---- housing: stays and viewings
    on(StayRequested, (e) => {
      const p = e.payload;
      const stay = this.sql(
        `INSERT INTO insights.stay (stay_id, region_id, account_id, listing_kind, nights, check_in) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (stay_id) DO NOTHING`,
        [p.stayId, p.regionId, p.accountId, p.listingKind, p.nights, p.checkIn],
      );
      return [stay, this.reach(p.regionId, p.accountId, e.occurredAt, null)];
    });
    on(StayCheckedIn, (e) => [
      this.sql(`UPDATE insights.stay SET checked_in_at = COALESCE(checked_in_at, $2) WHERE stay_id = $1`, [e.payload.stayId, e.occurredAt]),
      this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, 'trial_stay_at'),
    ]);
    on(ViewingRequested, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));

    // ---- support: a consultation at the desk (CONSULTED: the person brought a question)
    on(ConsultationRequested, (e) => {
      const p = e.payload;
      return [
        this.sql(
          `INSERT INTO insights.consultation (consultation_id, region_id, account_id, requested_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (consultation_id) DO NOTHING`,
          [p.consultationId, p.regionId, p.accountId, e.occurredAt],
        ),
        // Joins the region; CONSULTED itself is read from the consultations (not cancelled by the period's end).
        this.reach(p.regionId, p.accountId, e.occurredAt, null),
      ];
    });
    on(ConsultationCancelled, (e) =>
      this.sql(`UPDATE insights.consultation SET cancelled_at = COALESCE(cancelled_at, $2) WHERE consultation_id = $1`, [
        e.payload.consultationId,
        e.occurredAt,
      ]),
    );

    // ---- community: applying for a role or asking for a supporter joins the region
    on(RoleApplicationSubmitted, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));
    on(MentorshipRequested, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));
  }

  /** The event types this projection reads. */
  get eventTypes(): string[] {
    return [...this.appliers.keys()];
  }

  /**
   * Applies one event in one statement (its changes and the freshness as data-modifying
   * CTEs, which touch different rows): one round trip an event, which is what a rebuild of
   * the whole log costs.
   */
  async apply(event: DomainEvent): Promise<void> {
    const apply = this.appliers.get(event.type);
    if (!apply) return;
    const statements = [...apply(event), this.sql(`UPDATE insights.state SET fresh_at = GREATEST(fresh_at, $1) WHERE id`, [event.occurredAt])];
    const values: unknown[] = [];
    const parts = statements.map((st, i) => {
      const offset = values.length;
      values.push(...st.values);
      return `s${i} AS (${st.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
    });
    await this.uow.manager.query(`WITH ${parts.join(',\n')} SELECT 1`, values);
  }

  /** Empties every read model (before a rebuild from the log). */
  async clear(): Promise<void> {
    await this.uow.manager.query(
      `TRUNCATE insights.person, insights.profile, insights.event, insights.registration, insights.pair, insights.match,
                insights.feedback, insights.consultation, insights.stay, insights.region`,
    );
    await this.uow.manager.query(`UPDATE insights.state SET fresh_at = NULL WHERE id`);
  }

  /** The person joins the region (if not yet) at `at`, and reaches `column` there (if not yet). */
  private reach(regionId: string, accountId: string, at: Date, column: StageColumn | null): Statement {
    const stage = column ? `, ${column}` : '';
    return this.sql(
      `INSERT INTO insights.person AS t (region_id, account_id, joined_at${stage}) VALUES ($1, $2, $3${column ? ', $3' : ''})
       ON CONFLICT (region_id, account_id) DO UPDATE SET joined_at = LEAST(t.joined_at, EXCLUDED.joined_at)${
         column ? `, ${column} = LEAST(t.${column}, EXCLUDED.${column})` : ''
       }`,
      [regionId, accountId, at],
    );
  }

  private pair(
    pairId: string,
    kind: 'INTEREST' | 'SCOUT',
    p: { regionId: string; accountId: string; workStyle: string | null },
    at: Date,
  ): Statement[] {
    const pair = this.sql(
      `INSERT INTO insights.pair (pair_id, kind, region_id, account_id, work_style, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (pair_id) DO NOTHING`,
      [pairId, kind, p.regionId, p.accountId, p.workStyle, at],
    );
    return [pair, this.reach(p.regionId, p.accountId, at, 'interested_or_scouted_at')];
  }

  private registrationStatus(registrationId: string, status: string): Statement {
    return this.sql(`UPDATE insights.registration SET status = $2 WHERE registration_id = $1`, [registrationId, status]);
  }

  private sql(text: string, values: unknown[]): Statement {
    return { text, values };
  }
}
