import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportCommunityPersonalDataQuery } from '#libs/contracts/community/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { CommunityReadModel } from '../../infrastructure/community.read-model.js';

/**
 * community's section of a person's export (contract 90-privacy): their applications,
 * mentorships as newcomer and as supporter, supporter profiles and onboarding plans, as plain
 * JSON (dates as ISO strings).
 */
@QueryHandler(ExportCommunityPersonalDataQuery)
export class ExportCommunityPersonalDataHandler implements IQueryHandler<ExportCommunityPersonalDataQuery> {
  constructor(private readonly read: CommunityReadModel) {}

  execute(query: ExportCommunityPersonalDataQuery): Promise<PersonalDataSection> {
    return this.read.personalDataOf(query.accountId);
  }
}
