import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** staff: OPEN -> ACCEPTED (a match follows through the outbox). */
export class AcceptInterestCommand extends Command<{ interestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly interestId: string,
  ) {
    super();
  }
}
