import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RebuildInsightsHandler } from './application/commands/rebuild-insights/rebuild-insights.handler.js';
import {
  GetEventInsightsHandler,
  GetFunnelHandler,
  GetFunnelSlicesHandler,
  GetKpiReportHandler,
  GetMatchInsightsHandler,
} from './application/queries/insights-queries.handler.js';
import { ExportInsightsPersonalDataHandler } from './application/queries/export-insights-personal-data.handler.js';
import { ProjectInsights } from './application/subscribers/project-insights.handler.js';
import { FunnelResolver, InsightsResolver, KpiReportResolver } from './graphql/insights.resolver.js';
import { InsightsProjection } from './infrastructure/insights.projection.js';
import { InsightsReadModel } from './infrastructure/insights.read-model.js';

/** Insights: the programme's figures for analysts, from integration events only (schema `insights`). */
@Module({
  imports: [CqrsModule],
  providers: [
    InsightsProjection,
    InsightsReadModel,
    ProjectInsights,
    RebuildInsightsHandler,
    GetFunnelHandler,
    GetFunnelSlicesHandler,
    GetEventInsightsHandler,
    GetMatchInsightsHandler,
    GetKpiReportHandler,
    ExportInsightsPersonalDataHandler,
    FunnelResolver,
    KpiReportResolver,
    InsightsResolver,
  ],
})
export class InsightsModule {}
