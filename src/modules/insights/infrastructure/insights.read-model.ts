import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { KpiFacts } from '../domain/kpi.js';
import { FUNNEL_STAGES, type FunnelDimension, type StageCounts } from '../domain/funnel.js';
import type { Period } from '../domain/period.js';
import { FUNNEL_SQL, SLICES_SQL } from './insights.sql.js';

export interface SliceCounts {
  key: string;
  label: string | null;
  counts: StageCounts;
}

export interface EventRow {
  eventId: string;
  title: string;
  kind: string;
  startsAt: Date;
  capacity: number;
  status: string;
  demand: number;
  confirmed: number;
  attended: number;
  noShows: number;
  feedbackCount: number;
  ratingSum: number;
  followedUp: number;
}

export interface MatchRow {
  workStyle: string;
  interests: number;
  scouts: number;
  matches: number;
  engaged: number;
  completed: number;
  withdrawn: number;
  /** Days from match to ENGAGED of each match engaged in the period. */
  daysToEngaged: number[];
}

const countsOf = (row: Record<string, number>): StageCounts =>
  Object.fromEntries(FUNNEL_STAGES.map((s) => [s, Number(row[s])])) as StageCounts;

/** Reads insights' own tables (never another module's): one statement per answer. */
@Injectable()
export class InsightsReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  private query<T>(text: string, values: unknown[]): Promise<T[]> {
    return this.uow.query(text, values);
  }

  /**
   * Every insights row keyed by the account (its export): what the funnel counts of the
   * person. Ids, kinds, stages, times and the profile's slices only; no column of the
   * insights schema holds a name, an email or a phone (test/insights/personal-data.e2e-spec.ts).
   */
  async personalData(accountId: string): Promise<Record<string, Array<Record<string, unknown>>>> {
    const q = (sql: string) => this.query<Record<string, unknown>>(sql, [accountId]);
    const [people, profiles, registrations, pairs, matches, consultations, stays] = await Promise.all([
      q(`SELECT region_id, joined_at, event_registered_at, event_attended_at, interested_or_scouted_at, matched_at, engaged_at,
                trial_stay_at, dual_region_at, relocated_at
           FROM insights.person WHERE account_id = $1 ORDER BY region_id`),
      q(`SELECT age_band, home_prefecture, work_styles, first_saved_at FROM insights.profile WHERE account_id = $1`),
      q(`SELECT r.registration_id, r.event_id, r.region_id, r.status, r.registered_at, r.attended_at, f.rating
           FROM insights.registration r LEFT JOIN insights.feedback f ON f.registration_id = r.registration_id
          WHERE r.account_id = $1 ORDER BY r.registered_at, r.registration_id`),
      q(`SELECT pair_id, kind, region_id, work_style, at FROM insights.pair WHERE account_id = $1 ORDER BY at, pair_id`),
      q(`SELECT match_id, region_id, work_style, established_at, engaged_at, completed_at, withdrawn_at
           FROM insights.match WHERE account_id = $1 ORDER BY established_at, match_id`),
      q(`SELECT consultation_id, region_id, requested_at, cancelled_at FROM insights.consultation WHERE account_id = $1 ORDER BY requested_at, consultation_id`),
      q(`SELECT stay_id, region_id, listing_kind, nights, check_in::text AS check_in, checked_in_at
           FROM insights.stay WHERE account_id = $1 ORDER BY check_in, stay_id`),
    ]);
    return { people, profiles, registrations, pairs, matches, consultations, stays };
  }

  /** The time of the newest event applied: every answer is as of that moment. */
  async freshness(): Promise<Date | null> {
    const [row] = await this.query<{ fresh_at: Date | null }>(`SELECT fresh_at FROM insights.state WHERE id`, []);
    return row?.fresh_at ?? null;
  }

  async funnel(regionId: string, period: Period): Promise<StageCounts> {
    const [row] = await this.query<Record<string, number>>(FUNNEL_SQL, [
      regionId,
      period.fromInstant,
      period.toInstant,
    ]);
    return countsOf(row);
  }

  async slices(regionId: string, period: Period, by: FunnelDimension): Promise<SliceCounts[]> {
    const rows = await this.query<Record<string, number> & { key: string; label: string | null }>(
      SLICES_SQL[by],
      [regionId, period.fromInstant, period.toInstant],
    );
    return rows.map((r) => ({ key: r.key, label: r.label, counts: countsOf(r) }));
  }

  /**
   * The region's events starting in the period, with their registrations' figures. Followed up:
   * attendees with an interest, a scout or a consultation in the region within 90 days after checking in.
   */
  async events(regionId: string, period: Period): Promise<EventRow[]> {
    return this.query<EventRow>(
      `SELECT e.event_id AS "eventId", e.title, e.kind, e.starts_at AS "startsAt", e.capacity, e.status,
              count(g.registration_id)::int AS demand,
              count(*) FILTER (WHERE g.status IN ('CONFIRMED', 'ATTENDED', 'NO_SHOW'))::int AS confirmed,
              count(*) FILTER (WHERE g.status = 'ATTENDED')::int AS attended,
              count(*) FILTER (WHERE g.status = 'NO_SHOW')::int AS "noShows",
              f.count AS "feedbackCount", f.sum AS "ratingSum",
              count(DISTINCT g.account_id) FILTER (
                WHERE g.status = 'ATTENDED' AND (
                  EXISTS (SELECT 1 FROM insights.pair a
                           WHERE a.region_id = e.region_id AND a.account_id = g.account_id
                             AND a.at > g.attended_at AND a.at <= g.attended_at + interval '90 days')
                  OR EXISTS (SELECT 1 FROM insights.consultation c
                              WHERE c.region_id = e.region_id AND c.account_id = g.account_id
                                AND c.requested_at > g.attended_at AND c.requested_at <= g.attended_at + interval '90 days'))
              )::int AS "followedUp"
         FROM insights.event e
         LEFT JOIN insights.registration g ON g.event_id = e.event_id
         CROSS JOIN LATERAL (SELECT count(*)::int AS count, COALESCE(sum(rating), 0)::int AS sum
                               FROM insights.feedback WHERE event_id = e.event_id) f
        WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3
        GROUP BY e.event_id, f.count, f.sum
        ORDER BY e.starts_at, e.event_id`,
      [regionId, period.fromInstant, period.toInstant],
    );
  }

  /** Per work style: the acts of the period. */
  async matches(regionId: string, period: Period): Promise<MatchRow[]> {
    return this.query<MatchRow>(
      `SELECT ws AS "workStyle",
              (SELECT count(*)::int FROM insights.pair a
                WHERE a.region_id = $1 AND a.kind = 'INTEREST' AND a.work_style = ws AND a.at >= $2 AND a.at < $3) AS interests,
              (SELECT count(*)::int FROM insights.pair a
                WHERE a.region_id = $1 AND a.kind = 'SCOUT' AND a.work_style = ws AND a.at >= $2 AND a.at < $3) AS scouts,
              count(*) FILTER (WHERE m.established_at >= $2 AND m.established_at < $3)::int AS matches,
              count(*) FILTER (WHERE m.engaged_at >= $2 AND m.engaged_at < $3)::int AS engaged,
              count(*) FILTER (WHERE m.completed_at >= $2 AND m.completed_at < $3)::int AS completed,
              count(*) FILTER (WHERE m.withdrawn_at >= $2 AND m.withdrawn_at < $3)::int AS withdrawn,
              COALESCE(array_agg(extract(epoch FROM m.engaged_at - m.established_at)::float8 / 86400)
                         FILTER (WHERE m.engaged_at >= $2 AND m.engaged_at < $3), '{}') AS "daysToEngaged"
         FROM unnest(ARRAY['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP']) WITH ORDINALITY AS s(ws, n)
         LEFT JOIN insights.match m ON m.region_id = $1 AND m.work_style = ws
        GROUP BY ws, n
        ORDER BY n`,
      [regionId, period.fromInstant, period.toInstant],
    );
  }

  /** The raw figures of the KPI report for one region and period (a fiscal year). */
  async kpiFacts(regionId: string, period: Period): Promise<KpiFacts> {
    const [r] = await this.query<Record<string, number>>(
      `SELECT
         (SELECT count(*)::int FROM insights.person WHERE region_id = $1 AND joined_at >= $2 AND joined_at < $3) AS related,
         (SELECT count(*)::int FROM insights.registration g JOIN insights.event e ON e.event_id = g.event_id
           WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.kind = 'BRIEFING' AND g.status = 'ATTENDED') AS briefing,
         (SELECT count(*)::int FROM insights.registration g JOIN insights.event e ON e.event_id = g.event_id
           WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.kind = 'TOUR' AND g.status = 'ATTENDED') AS tour,
         (SELECT count(*)::int FROM (
            SELECT e.kind, count(*) AS n FROM insights.registration g JOIN insights.event e ON e.event_id = g.event_id
             WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.kind = 'BRIEFING' AND g.status = 'ATTENDED'
             GROUP BY e.event_id, e.kind) x WHERE n IN (1, 2)) AS briefing_small,
         (SELECT count(*)::int FROM (
            SELECT e.kind, count(*) AS n FROM insights.registration g JOIN insights.event e ON e.event_id = g.event_id
             WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.kind = 'TOUR' AND g.status = 'ATTENDED'
             GROUP BY e.event_id, e.kind) x WHERE n IN (1, 2)) AS tour_small,
         (SELECT count(*)::int FROM insights.registration g JOIN insights.event e ON e.event_id = g.event_id
           WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.status <> 'CANCELLED') AS demand,
         (SELECT COALESCE(sum(capacity), 0)::int FROM insights.event e
           WHERE e.region_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.status <> 'CANCELLED') AS capacity,
         (SELECT count(*)::int FROM insights.consultation
           WHERE region_id = $1 AND requested_at >= $2 AND requested_at < $3 AND cancelled_at IS NULL) AS consultations,
         (SELECT count(*)::int FROM insights.match WHERE region_id = $1 AND work_style = 'PRO_BONO' AND established_at >= $2 AND established_at < $3) AS pro_bono,
         (SELECT count(*)::int FROM insights.match WHERE region_id = $1 AND work_style = 'SIDE_JOB' AND established_at >= $2 AND established_at < $3) AS side_job,
         (SELECT count(*)::int FROM insights.match WHERE region_id = $1 AND work_style = 'JOB_CHANGE' AND established_at >= $2 AND established_at < $3) AS job_change,
         (SELECT count(*)::int FROM insights.match WHERE region_id = $1 AND work_style = 'STARTUP' AND established_at >= $2 AND established_at < $3) AS startup,
         (SELECT count(*)::int FROM insights.match WHERE region_id = $1 AND engaged_at >= $2 AND engaged_at < $3) AS engagements,
         (SELECT count(*)::int FROM insights.stay
           WHERE region_id = $1 AND listing_kind = 'TRIAL_STAY' AND checked_in_at IS NOT NULL AND check_in >= $4::date AND check_in < $5::date) AS stays,
         (SELECT COALESCE(sum(nights), 0)::int FROM insights.stay
           WHERE region_id = $1 AND listing_kind = 'TRIAL_STAY' AND checked_in_at IS NOT NULL AND check_in >= $4::date AND check_in < $5::date) AS nights,
         (SELECT count(*)::int FROM insights.person WHERE region_id = $1 AND dual_region_at >= $2 AND dual_region_at < $3) AS dual_region,
         (SELECT count(*)::int FROM insights.person WHERE region_id = $1 AND relocated_at >= $2 AND relocated_at < $3) AS relocated`,
      [regionId, period.fromInstant, period.toInstant, period.from, period.to],
    );
    return {
      relatedPeople: r.related,
      briefingParticipants: r.briefing,
      tourParticipants: r.tour,
      briefingEventsWithFewAttendees: r.briefing_small,
      tourEventsWithFewAttendees: r.tour_small,
      eventDemand: r.demand,
      eventCapacity: r.capacity,
      consultations: r.consultations,
      matchesByWorkStyle: { PRO_BONO: r.pro_bono, SIDE_JOB: r.side_job, JOB_CHANGE: r.job_change, STARTUP: r.startup },
      engagements: r.engagements,
      trialStays: r.stays,
      trialStayNights: r.nights,
      dualRegionPeople: r.dual_region,
      relocatedPeople: r.relocated,
    };
  }
}
