import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** CLOSED -> COMPLETED; CONFIRMED registrations that never checked in become NO_SHOW. */
export class CompleteEventCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}
