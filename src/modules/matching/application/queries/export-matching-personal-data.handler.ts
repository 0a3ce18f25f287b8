import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportMatchingPersonalDataQuery } from '#libs/contracts/matching/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { MatchingReadModel } from '../../infrastructure/matching.read-model.js';

/** Matching's section of a person's export (exportMyData, contract 90-privacy): everything it holds about the account. */
@QueryHandler(ExportMatchingPersonalDataQuery)
export class ExportMatchingPersonalDataHandler implements IQueryHandler<ExportMatchingPersonalDataQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}

  execute(query: ExportMatchingPersonalDataQuery): Promise<PersonalDataSection> {
    return this.readModel.personalDataOf(query.accountId);
  }
}
