import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';
import type { FunnelDimension, FunnelStep } from '../../domain/funnel.js';
import type { KpiRow } from '../../domain/kpi.js';

export interface FunnelView {
  regionId: string;
  from: CalendarDay;
  to: CalendarDay;
  steps: FunnelStep[];
  freshness: Date | null;
}

export interface FunnelSliceView {
  key: string;
  label: string;
  steps: FunnelStep[];
}

export interface EventInsightView {
  eventId: string;
  title: string;
  kind: string;
  startsAt: Date;
  capacity: number;
  demand: number | null;
  oversubscription: number | null;
  confirmed: number | null;
  attended: number | null;
  noShows: number | null;
  attendanceRate: number | null;
  feedbackCount: number | null;
  averageRating: number | null;
  followedUp: number | null;
}

export interface MatchInsightView {
  workStyle: string;
  interests: number | null;
  scouts: number | null;
  matches: number | null;
  engaged: number | null;
  completed: number | null;
  withdrawn: number | null;
  medianDaysToEngaged: number | null;
}

export interface KpiReportView {
  regionId: string;
  fiscalYear: number;
  rows: KpiRow[];
  csv: string;
  freshness: Date | null;
}

/** INSIGHTS_READ staff of the region, ADMIN: the cohort that joined in [from, to), followed to `to`. */
export class GetFunnelQuery extends Query<FunnelView> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly from: CalendarDay,
    readonly to: CalendarDay,
  ) {
    super();
  }
}

/** The same cohort, sliced. */
export class GetFunnelSlicesQuery extends Query<FunnelSliceView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly from: CalendarDay,
    readonly to: CalendarDay,
    readonly by: FunnelDimension,
  ) {
    super();
  }
}

/** The region's events starting in [from, to). */
export class GetEventInsightsQuery extends Query<EventInsightView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly from: CalendarDay,
    readonly to: CalendarDay,
  ) {
    super();
  }
}

/** Per work style, the acts of [from, to). */
export class GetMatchInsightsQuery extends Query<MatchInsightView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly from: CalendarDay,
    readonly to: CalendarDay,
  ) {
    super();
  }
}

/** The figures a pilot reports for one fiscal year (April to March). */
export class GetKpiReportQuery extends Query<KpiReportView> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly fiscalYear: number,
  ) {
    super();
  }
}
