import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../../../../libs/auth/caller.js';

/** A CANDIDATE registers; registering again returns the existing active registration. */
export class RegisterForEventCommand extends Command<{ registrationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}
