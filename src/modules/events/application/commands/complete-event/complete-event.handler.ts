import { CommandHandler } from '@nestjs/cqrs';
import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { loadManagedEvent } from '../load-managed-event.js';
import { CompleteEventCommand } from './complete-event.command.js';

@CommandHandler(CompleteEventCommand)
export class CompleteEventHandler extends TransactionalHandler<CompleteEventCommand, { eventId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: CompleteEventCommand) {
    const event = await loadManagedEvent(this.repo, command.caller, command.eventId);
    // Read under the event's lock: no check-in or cancellation can slip in between.
    const confirmed = await this.repo.findRegistrationsWithStatus(event.id, RegistrationStatus.CONFIRMED);
    event.complete(confirmed, new Date());
    await this.repo.saveEvent(event, { registrations: confirmed });
    return { eventId: event.id };
  }
}
