import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { RegistrationView } from '../../queries/events.queries.js';

/**
 * A CANDIDATE registers; registering again returns the existing active registration. The
 * answer is the registration as the statement that made it knows it (no read after the write).
 */
export class RegisterForEventCommand extends Command<RegistrationView> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
    /** When it happens: now, except for the demo loader replaying a past event at its time. */
    readonly at: Date = new Date(),
  ) {
    super();
  }
}
