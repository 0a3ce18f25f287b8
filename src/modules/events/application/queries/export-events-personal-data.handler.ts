import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportEventsPersonalDataQuery } from '#libs/contracts/events/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { EventsReadModel } from '../../infrastructure/events.read-model.js';

/** The events module's section of a person's export (exportMyData, contract 90-privacy): registrations, feedback, lottery draws. */
@QueryHandler(ExportEventsPersonalDataQuery)
export class ExportEventsPersonalDataHandler implements IQueryHandler<ExportEventsPersonalDataQuery> {
  constructor(private readonly readModel: EventsReadModel) {}

  execute(query: ExportEventsPersonalDataQuery): Promise<PersonalDataSection> {
    return this.readModel.personalDataOf(query.accountId);
  }
}
