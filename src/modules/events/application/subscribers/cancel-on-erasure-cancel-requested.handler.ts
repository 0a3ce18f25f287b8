import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AccountKind, Caller } from '#libs/auth/caller.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { EventNotActive, RegistrationNotCancellable } from '../../domain/events.errors.js';
import { ErasureCancelRequested } from '../../domain/events.internal-events.js';
import { CancelRegistrationCommand } from '../commands/cancel-registration/cancel-registration.command.js';

/**
 * Cancels one registration of an erased person per delivery (see ErasureCancelRequested),
 * through cancelRegistration itself, as the attendee: the same seat rules, the same
 * RegistrationCancelled (cancelledBy ATTENDEE) and RegistrationPromoted for the head of the
 * queue. An event that meanwhile stopped taking cancellations (completed, cancelled) or a
 * registration that meanwhile happened leaves nothing to release.
 */
@Injectable()
export class CancelOnErasureCancelRequested extends OutboxSubscriber {
  readonly name = 'events.erasure-cancel';
  readonly eventTypes = [ErasureCancelRequested.type];

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!ErasureCancelRequested.is(event)) return;
    const { registrationId, accountId } = event.payload;
    // The account is gone: the attendee acts here as a caller made in code (as demo loaders do), with no session.
    const attendee = new Caller(accountId, AccountKind.CANDIDATE, ERASED_DISPLAY_NAME, '', []);
    try {
      await this.commands.execute(new CancelRegistrationCommand(attendee, registrationId));
    } catch (error) {
      if (error instanceof EventNotActive || error instanceof RegistrationNotCancellable) return;
      throw error;
    }
  }
}
