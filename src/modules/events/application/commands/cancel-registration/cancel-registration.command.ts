import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** The attendee or organizer staff cancels; a freed seat goes to the head of the queue. */
export class CancelRegistrationCommand extends Command<{ registrationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly registrationId: string,
  ) {
    super();
  }
}
