import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { GetOrganizationsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Event } from '../../../domain/event.aggregate.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import { CreateEventCommand } from './create-event.command.js';

@CommandHandler(CreateEventCommand)
export class CreateEventHandler extends TransactionalHandler<CreateEventCommand, { eventId: string }> {
  constructor(
    private readonly repo: EventsRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: CreateEventCommand) {
    EventsPolicy.createEvent(command.caller, command.organizationId);
    // The region comes from identity, the organization's owner, through its public query.
    const [org] = isId(command.organizationId) ? await this.queries.execute(new GetOrganizationsByIdsQuery([command.organizationId])) : [];
    if (!org) throw new NotFoundError('Organization', command.organizationId);
    EventsPolicy.manage(command.caller, { organizationId: org.id, regionId: org.regionId });
    const event = Event.create({ organizationId: org.id, regionId: org.regionId, details: command.details, now: new Date() });
    await this.repo.saveEvent(event);
    return { eventId: event.id };
  }
}
