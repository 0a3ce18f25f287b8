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
import { StayCancelled, StayCheckedIn, StayCompleted, StayRequested, ViewingRequested } from '#libs/contracts/housing/events.js';
import { RegionCreated } from '#libs/contracts/identity/events.js';
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
  | 'consulted_at'
  | 'interested_or_scouted_at'
  | 'matched_at'
  | 'engaged_at'
  | 'trial_stay_at'
  | 'dual_region_at'
  | 'relocated_at';

type Apply = (event: DomainEvent) => Promise<void>;

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
    const on = <P>(definition: { type: string; is(e: DomainEvent): e is DomainEvent<P> }, apply: (e: DomainEvent<P>) => Promise<void>) =>
      this.appliers.set(definition.type, (e) => (definition.is(e) ? apply(e) : Promise.resolve()));

    on(RegionCreated, (e) =>
      this.sql(
        `INSERT INTO insights.region (region_id, code, name) VALUES ($1, $2, $3)
         ON CONFLICT (region_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name`,
        [e.payload.regionId, e.payload.code, e.payload.name],
      ),
    );

    // ---- matching: profiles, pairs, matches
    on(CandidateProfileSaved, async (e) => {
      const p = e.payload;
      await this.sql(
        `INSERT INTO insights.profile AS t (account_id, age_band, home_prefecture, work_styles, first_saved_at)
         VALUES ($1, $2, $3, $4::text[], $5)
         ON CONFLICT (account_id) DO UPDATE SET age_band = EXCLUDED.age_band, home_prefecture = EXCLUDED.home_prefecture,
           work_styles = EXCLUDED.work_styles, first_saved_at = LEAST(t.first_saved_at, EXCLUDED.first_saved_at)`,
        [p.accountId, p.ageBand, p.homePrefecture ?? null, p.desiredWorkStyles, e.occurredAt],
      );
      // Listing a region among the desired ones joins its funnel.
      for (const regionId of p.desiredRegionIds) await this.reach(regionId, p.accountId, e.occurredAt, null);
    });
    on(DualRegionStageChanged, async (e) => {
      const column = e.payload.to === 'DUAL_REGION' ? 'dual_region_at' : e.payload.to === 'RELOCATED' ? 'relocated_at' : null;
      if (!column) return;
      for (const regionId of e.payload.desiredRegionIds) await this.reach(regionId, e.payload.accountId, e.occurredAt, column);
    });
    on(InterestExpressed, (e) => this.pair(e.payload.interestId, 'INTEREST', e.payload, e.occurredAt));
    on(ScoutSent, (e) => this.pair(e.payload.scoutId, 'SCOUT', e.payload, e.occurredAt));
    on(MatchEstablished, async (e) => {
      const p = e.payload;
      await this.sql(
        `INSERT INTO insights.match (match_id, region_id, account_id, work_style, established_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (match_id) DO NOTHING`,
        [p.matchId, p.regionId, p.accountId, p.workStyle, e.occurredAt],
      );
      await this.reach(p.regionId, p.accountId, e.occurredAt, 'matched_at');
    });
    on(MatchStageChanged, async (e) => {
      const p = e.payload;
      const column = { ENGAGED: 'engaged_at', COMPLETED: 'completed_at', WITHDRAWN: 'withdrawn_at' }[p.to];
      if (!column) return;
      await this.sql(`UPDATE insights.match SET ${column} = COALESCE(${column}, $2) WHERE match_id = $1`, [p.matchId, e.occurredAt]);
      if (p.to === 'ENGAGED') await this.reach(p.regionId, p.accountId, e.occurredAt, 'engaged_at');
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
    const registered = async (e: DomainEvent<{ registrationId: string; eventId: string; regionId: string; accountId: string }>, status: string) => {
      const p = e.payload;
      await this.sql(
        `INSERT INTO insights.registration (registration_id, event_id, region_id, account_id, status, registered_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (registration_id) DO UPDATE SET status = EXCLUDED.status`,
        [p.registrationId, p.eventId, p.regionId, p.accountId, status, e.occurredAt],
      );
      await this.reach(p.regionId, p.accountId, e.occurredAt, 'event_registered_at');
    };
    on(RegistrationApplied, (e) => registered(e, 'APPLIED'));
    on(RegistrationConfirmed, (e) => registered(e, 'CONFIRMED'));
    on(RegistrationWaitlisted, (e) => registered(e, 'WAITLISTED'));
    on(RegistrationPromoted, (e) => this.registrationStatus(e.payload.registrationId, 'CONFIRMED'));
    on(RegistrationCancelled, (e) => this.registrationStatus(e.payload.registrationId, 'CANCELLED'));
    on(AttendeeNoShow, (e) => this.registrationStatus(e.payload.registrationId, 'NO_SHOW'));
    on(AttendeeCheckedIn, async (e) => {
      const p = e.payload;
      await this.sql(`UPDATE insights.registration SET status = 'ATTENDED', attended_at = $2 WHERE registration_id = $1`, [
        p.registrationId,
        e.occurredAt,
      ]);
      await this.reach(p.regionId, p.accountId, e.occurredAt, 'event_attended_at');
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
    on(StayRequested, async (e) => {
      const p = e.payload;
      await this.sql(
        `INSERT INTO insights.stay (stay_id, region_id, account_id, nights, check_in) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (stay_id) DO NOTHING`,
        [p.stayId, p.regionId, p.accountId, p.nights, p.checkIn],
      );
      await this.reach(p.regionId, p.accountId, e.occurredAt, null);
    });
    on(StayCheckedIn, async (e) => {
      await this.sql(`UPDATE insights.stay SET checked_in_at = COALESCE(checked_in_at, $2) WHERE stay_id = $1`, [e.payload.stayId, e.occurredAt]);
      await this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, 'trial_stay_at');
    });
    on(StayCompleted, (e) =>
      this.sql(`UPDATE insights.stay SET completed_at = COALESCE(completed_at, $2) WHERE stay_id = $1`, [e.payload.stayId, e.occurredAt]),
    );
    on(StayCancelled, (e) =>
      this.sql(`UPDATE insights.stay SET cancelled_at = COALESCE(cancelled_at, $2) WHERE stay_id = $1`, [e.payload.stayId, e.occurredAt]),
    );
    on(ViewingRequested, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));

    // ---- community: applying for a role or asking for a supporter joins the region
    on(RoleApplicationSubmitted, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));
    on(MentorshipRequested, (e) => this.reach(e.payload.regionId, e.payload.accountId, e.occurredAt, null));
  }

  /** The event types this projection reads. */
  get eventTypes(): string[] {
    return [...this.appliers.keys()];
  }

  async apply(event: DomainEvent): Promise<void> {
    const apply = this.appliers.get(event.type);
    if (!apply) return;
    await apply(event);
    await this.sql(`UPDATE insights.state SET fresh_at = GREATEST(fresh_at, $1) WHERE id`, [event.occurredAt]);
  }

  /** Empties every read model (before a rebuild from the log). */
  async clear(): Promise<void> {
    await this.sql(
      `TRUNCATE insights.person, insights.profile, insights.event, insights.registration, insights.pair, insights.match,
                insights.feedback, insights.consultation, insights.stay, insights.region`,
      [],
    );
    await this.sql(`UPDATE insights.state SET fresh_at = NULL WHERE id`, []);
  }

  /** The person joins the region (if not yet) at `at`, and reaches `column` there (if not yet). */
  private async reach(regionId: string, accountId: string, at: Date, column: StageColumn | null): Promise<void> {
    const stage = column ? `, ${column}` : '';
    await this.sql(
      `INSERT INTO insights.person AS t (region_id, account_id, joined_at${stage}) VALUES ($1, $2, $3${column ? ', $3' : ''})
       ON CONFLICT (region_id, account_id) DO UPDATE SET joined_at = LEAST(t.joined_at, EXCLUDED.joined_at)${
         column ? `, ${column} = LEAST(t.${column}, EXCLUDED.${column})` : ''
       }`,
      [regionId, accountId, at],
    );
  }

  private async pair(
    pairId: string,
    kind: 'INTEREST' | 'SCOUT',
    p: { regionId: string; accountId: string; workStyle: string | null },
    at: Date,
  ): Promise<void> {
    await this.sql(
      `INSERT INTO insights.pair (pair_id, kind, region_id, account_id, work_style, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (pair_id) DO NOTHING`,
      [pairId, kind, p.regionId, p.accountId, p.workStyle, at],
    );
    await this.reach(p.regionId, p.accountId, at, 'interested_or_scouted_at');
  }

  private registrationStatus(registrationId: string, status: string): Promise<void> {
    return this.sql(`UPDATE insights.registration SET status = $2 WHERE registration_id = $1`, [registrationId, status]);
  }

  private async sql(text: string, values: unknown[]): Promise<void> {
    await this.uow.manager.query(text, values);
  }
}
