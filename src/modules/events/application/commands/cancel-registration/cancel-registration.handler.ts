import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import { lockRegistration } from '../lock-registration.js';
import { organizerOf } from '../load-managed-event.js';
import { CancelRegistrationCommand } from './cancel-registration.command.js';

@CommandHandler(CancelRegistrationCommand)
export class CancelRegistrationHandler extends TransactionalHandler<CancelRegistrationCommand, { registrationId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: CancelRegistrationCommand) {
    requireCaller(command.caller);
    const { event, registration } = await lockRegistration(this.repo, command.registrationId);
    const by = EventsPolicy.cancelRegistration(command.caller, registration, organizerOf(event));
    const head = registration.status === RegistrationStatus.CONFIRMED ? await this.repo.findQueueHead(event.id) : null;
    const outcome = event.cancelRegistration(registration, head, by, new Date());
    if (!outcome.changed) return { registrationId: registration.id };
    // Positions first go to null for the leaver and the promoted head, then those behind move up.
    await this.repo.saveEvent(event, {
      registrations: outcome.promoted ? [registration, outcome.promoted] : [registration],
      closeQueueGapAfter: outcome.closeGapAfter,
    });
    return { registrationId: registration.id };
  }
}
