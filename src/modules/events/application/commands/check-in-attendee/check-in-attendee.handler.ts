import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import { organizerOf } from '../load-managed-event.js';
import { lockRegistration } from '../lock-registration.js';
import { CheckInAttendeeCommand } from './check-in-attendee.command.js';

@CommandHandler(CheckInAttendeeCommand)
export class CheckInAttendeeHandler extends TransactionalHandler<CheckInAttendeeCommand, { registrationId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: CheckInAttendeeCommand) {
    requireCaller(command.caller);
    // The event's lock keeps a check-in and a cancellation of the same seat apart.
    const { event, registration } = await lockRegistration(this.repo, command.registrationId);
    EventsPolicy.manage(command.caller, organizerOf(event));
    if (event.checkIn(registration, command.at)) {
      await this.repo.saveEvent(event, { registrations: [registration] });
    }
    return { registrationId: registration.id };
  }
}
