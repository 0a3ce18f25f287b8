import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportCareersPersonalDataQuery } from '#libs/contracts/careers/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';

/**
 * Careers' section of a person's export (contract 90-privacy). Careers keeps employers and
 * opportunities, keyed by organization and region: no table of the `careers` schema has a
 * column naming an account (who drafted or published is not kept), so it holds nothing about
 * any person, and the section says so with empty lists rather than leaving careers out. A
 * person's interests in opportunities and their matches are matching's (its section).
 */
@QueryHandler(ExportCareersPersonalDataQuery)
export class ExportCareersPersonalDataHandler implements IQueryHandler<ExportCareersPersonalDataQuery> {
  execute(_query: ExportCareersPersonalDataQuery): Promise<PersonalDataSection> {
    return Promise.resolve({ employers: [], opportunities: [] });
  }
}
