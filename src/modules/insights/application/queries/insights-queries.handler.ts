import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { funnelSteps, sliceLabel, sliceSteps } from '../../domain/funnel.js';
import { kpiCsv, kpiRows } from '../../domain/kpi.js';
import { fiscalYearPeriod, monthPeriod } from '../../domain/period.js';
import { median, ratio, round, seatFigures, suppress } from '../../domain/suppression.js';
import { InsightsReadModel } from '../../infrastructure/insights.read-model.js';
import { InsightsPolicy } from '../insights.policy.js';
import {
  GetEventInsightsQuery,
  GetFunnelQuery,
  GetFunnelSlicesQuery,
  GetKpiReportQuery,
  GetMatchInsightsQuery,
  type EventInsightView,
  type FunnelSliceView,
  type FunnelView,
  type KpiReportView,
  type MatchInsightView,
} from './insights.queries.js';

@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(private readonly readModel: InsightsReadModel) {}

  async execute(q: GetFunnelQuery): Promise<FunnelView> {
    InsightsPolicy.assertReads(q.caller, q.regionId);
    const period = monthPeriod(q.from, q.to);
    // The freshness first: the counts read after it include at least what it says.
    const freshness = await this.readModel.freshness();
    const counts = await this.readModel.funnel(q.regionId, period);
    return { regionId: q.regionId, from: period.from, to: period.to, steps: funnelSteps(counts), freshness };
  }
}

@QueryHandler(GetFunnelSlicesQuery)
export class GetFunnelSlicesHandler implements IQueryHandler<GetFunnelSlicesQuery> {
  constructor(private readonly readModel: InsightsReadModel) {}

  async execute(q: GetFunnelSlicesQuery): Promise<FunnelSliceView[]> {
    InsightsPolicy.assertReads(q.caller, q.regionId);
    const period = monthPeriod(q.from, q.to);
    const slices = await this.readModel.slices(q.regionId, period, q.by);
    const steps = sliceSteps(slices);
    return slices.map((s, i) => ({ key: s.key, label: s.label ?? sliceLabel(s.key), steps: steps[i] }));
  }
}

@QueryHandler(GetEventInsightsQuery)
export class GetEventInsightsHandler implements IQueryHandler<GetEventInsightsQuery> {
  constructor(private readonly readModel: InsightsReadModel) {}

  async execute(q: GetEventInsightsQuery): Promise<EventInsightView[]> {
    InsightsPolicy.assertReads(q.caller, q.regionId);
    const period = monthPeriod(q.from, q.to);
    const rows = await this.readModel.events(q.regionId, period);
    return rows.map((r) => {
      const seats = seatFigures(r.confirmed, r.attended, r.noShows);
      return {
        eventId: r.eventId,
        title: r.title,
        kind: r.kind,
        startsAt: r.startsAt,
        capacity: r.capacity,
        demand: suppress(r.demand),
        oversubscription: suppress(r.demand) === null || r.capacity === 0 ? null : round(r.demand / r.capacity, 2),
        ...seats,
        attendanceRate: r.status === 'COMPLETED' && seats.attended !== null ? ratio(r.attended, r.attended + r.noShows) : null,
        feedbackCount: suppress(r.feedbackCount),
        averageRating: r.feedbackCount >= 3 ? round(r.ratingSum / r.feedbackCount, 2) : null,
        followedUp: suppress(r.followedUp),
      };
    });
  }
}

@QueryHandler(GetMatchInsightsQuery)
export class GetMatchInsightsHandler implements IQueryHandler<GetMatchInsightsQuery> {
  constructor(private readonly readModel: InsightsReadModel) {}

  async execute(q: GetMatchInsightsQuery): Promise<MatchInsightView[]> {
    InsightsPolicy.assertReads(q.caller, q.regionId);
    const period = monthPeriod(q.from, q.to);
    const rows = await this.readModel.matches(q.regionId, period);
    return rows.map((r) => ({
      workStyle: r.workStyle,
      interests: suppress(r.interests),
      scouts: suppress(r.scouts),
      matches: suppress(r.matches),
      engaged: suppress(r.engaged),
      completed: suppress(r.completed),
      withdrawn: suppress(r.withdrawn),
      medianDaysToEngaged: r.daysToEngaged.length >= 3 ? round(median(r.daysToEngaged)!, 1) : null,
    }));
  }
}

@QueryHandler(GetKpiReportQuery)
export class GetKpiReportHandler implements IQueryHandler<GetKpiReportQuery> {
  constructor(private readonly readModel: InsightsReadModel) {}

  async execute(q: GetKpiReportQuery): Promise<KpiReportView> {
    InsightsPolicy.assertReads(q.caller, q.regionId);
    const period = fiscalYearPeriod(q.fiscalYear);
    const freshness = await this.readModel.freshness();
    const rows = kpiRows(await this.readModel.kpiFacts(q.regionId, period));
    return { regionId: q.regionId, fiscalYear: q.fiscalYear, rows, csv: kpiCsv(rows), freshness };
  }
}
