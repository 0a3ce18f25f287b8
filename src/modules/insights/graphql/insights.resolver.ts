import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { RegionType } from '#libs/contracts/identity/graphql.js';
import { regionLoader } from '#libs/contracts/identity/loaders.js';
import type { RegionView } from '#libs/contracts/identity/queries.js';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { DateScalar } from '#libs/graphql/shared-types.js';
import { RebuildInsightsCommand } from '../application/commands/rebuild-insights/rebuild-insights.command.js';
import {
  GetEventInsightsQuery,
  GetFunnelQuery,
  GetFunnelSlicesQuery,
  GetKpiReportQuery,
  GetMatchInsightsQuery,
  type FunnelView,
  type KpiReportView,
} from '../application/queries/insights.queries.js';
import type { FunnelDimension } from '../domain/funnel.js';
import {
  EventInsightType,
  FunnelDimensionEnum,
  FunnelSliceType,
  FunnelType,
  KpiReportType,
  MatchInsightType,
} from './insights.types.js';

async function region(ctx: RequestContext, queries: QueryBus, regionId: string): Promise<RegionView> {
  const found = await regionLoader(ctx, queries).load(regionId);
  if (!found) throw new NotFoundError('Region', regionId);
  return found;
}

@Resolver(() => FunnelType)
export class FunnelResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => FunnelType)
  funnel(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('from', { type: () => DateScalar }) from: CalendarDay,
    @Args('to', { type: () => DateScalar }) to: CalendarDay,
  ): Promise<FunnelView> {
    return this.queries.execute(new GetFunnelQuery(caller, regionId, from, to));
  }

  @ResolveField(() => RegionType)
  region(@Parent() funnel: FunnelView, @Context() ctx: RequestContext): Promise<RegionView> {
    return region(ctx, this.queries, funnel.regionId);
  }

  @ResolveField(() => [FunnelSliceType])
  slices(
    @CurrentCaller() caller: Caller | null,
    @Parent() funnel: FunnelView,
    @Args('by', { type: () => FunnelDimensionEnum }) by: FunnelDimension,
  ) {
    return this.queries.execute(new GetFunnelSlicesQuery(caller, funnel.regionId, funnel.from, funnel.to, by));
  }
}

@Resolver(() => KpiReportType)
export class KpiReportResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => KpiReportType)
  kpiReport(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('fiscalYear', { type: () => Int }) fiscalYear: number,
  ): Promise<KpiReportView> {
    return this.queries.execute(new GetKpiReportQuery(caller, regionId, fiscalYear));
  }

  @ResolveField(() => RegionType)
  region(@Parent() report: KpiReportView, @Context() ctx: RequestContext): Promise<RegionView> {
    return region(ctx, this.queries, report.regionId);
  }
}

@Resolver()
export class InsightsResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Query(() => [EventInsightType], { description: 'events starting in [from, to)' })
  eventInsights(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('from', { type: () => DateScalar }) from: CalendarDay,
    @Args('to', { type: () => DateScalar }) to: CalendarDay,
  ) {
    return this.queries.execute(new GetEventInsightsQuery(caller, regionId, from, to));
  }

  @Query(() => [MatchInsightType])
  matchInsights(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('from', { type: () => DateScalar }) from: CalendarDay,
    @Args('to', { type: () => DateScalar }) to: CalendarDay,
  ) {
    return this.queries.execute(new GetMatchInsightsQuery(caller, regionId, from, to));
  }

  @Mutation(() => Date, {
    description: 'ADMIN: rebuilds every insights read model from the event log; the answers after are the same as before',
  })
  rebuildInsights(@CurrentCaller() caller: Caller | null): Promise<Date> {
    return this.commands.execute(new RebuildInsightsCommand(caller));
  }
}
