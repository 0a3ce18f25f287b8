import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** Someone of the match (the candidate, its region's staff, the coordinator) writes in its thread. */
export class SendMessageCommand extends Command<{ messageId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly body: string,
  ) {
    super();
  }
}
