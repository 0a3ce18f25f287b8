import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  CloseOpportunityHandler,
  PublishOpportunityHandler,
  ReturnOpportunityToDraftHandler,
  SubmitOpportunityForReviewHandler,
} from './application/commands/change-opportunity-status/change-opportunity-status.handler.js';
import { DraftOpportunityHandler } from './application/commands/draft-opportunity/draft-opportunity.handler.js';
import { RegisterEmployerHandler } from './application/commands/register-employer/register-employer.handler.js';
import { UpdateOpportunityHandler } from './application/commands/update-opportunity/update-opportunity.handler.js';
import { ExportCareersPersonalDataHandler } from './application/queries/export-careers-personal-data.handler.js';
import {
  GetEmployersByIdsHandler,
  GetOpportunitiesByIdsHandler,
  GetOpportunityHandler,
  ListEmployersHandler,
  ListOpportunitySnapshotsHandler,
  SearchOpportunitiesHandler,
} from './application/queries/careers-queries.handler.js';
import { CareersResolver, EmployerResolver, OpportunityResolver } from './graphql/careers.resolver.js';
import { CareersBulkSeeder } from './infrastructure/careers.bulk.js';
import { CareersDemoSeeder } from './infrastructure/careers.demo.js';
import { CareersRepository } from './infrastructure/careers.repository.js';

/** Careers: local employers and the second-career opportunities they offer. */
@Module({
  imports: [CqrsModule],
  providers: [
    CareersRepository,
    RegisterEmployerHandler,
    DraftOpportunityHandler,
    UpdateOpportunityHandler,
    SubmitOpportunityForReviewHandler,
    ReturnOpportunityToDraftHandler,
    PublishOpportunityHandler,
    CloseOpportunityHandler,
    SearchOpportunitiesHandler,
    GetOpportunityHandler,
    GetOpportunitiesByIdsHandler,
    ListEmployersHandler,
    GetEmployersByIdsHandler,
    ListOpportunitySnapshotsHandler,
    ExportCareersPersonalDataHandler,
    CareersResolver,
    OpportunityResolver,
    EmployerResolver,
    CareersDemoSeeder,
    CareersBulkSeeder,
  ],
})
export class CareersModule {}
