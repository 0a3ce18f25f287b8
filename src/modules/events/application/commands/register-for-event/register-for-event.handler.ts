import { CommandHandler } from '@nestjs/cqrs';
import { EventStatus } from '../../../../../../libs/contracts/events/enums.js';
import { NotFoundError } from '../../../../../../libs/ddd/errors.js';
import { TransactionalHandler } from '../../../../../../libs/messaging/transactional-handler.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import { RegisterForEventCommand } from './register-for-event.command.js';

/**
 * Seats are decided under the event row's lock: concurrent registrations for one event
 * queue on it, each sees the counters the previous one committed, so never more CONFIRMED
 * than capacity and queue positions 1..n. The unique index on active (event, account)
 * backs up the "one registration per account" check made under the same lock.
 */
@CommandHandler(RegisterForEventCommand)
export class RegisterForEventHandler extends TransactionalHandler<RegisterForEventCommand, { registrationId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: RegisterForEventCommand) {
    const caller = EventsPolicy.register(command.caller);
    const event = await this.repo.lockEvent(command.eventId);
    // A candidate never sees a DRAFT.
    if (!event || event.status === EventStatus.DRAFT) throw new NotFoundError('Event', command.eventId);
    const existing = await this.repo.findActiveRegistration(event.id, caller.accountId);
    if (existing) return { registrationId: existing.id };
    const registration = event.register(
      { accountId: caller.accountId, displayName: caller.displayName, email: caller.email },
      new Date(),
    );
    await this.repo.saveNewRegistration(event, registration);
    return { registrationId: registration.id };
  }
}
