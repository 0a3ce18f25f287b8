import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** CANDIDATE: accepting makes a match (through the outbox). */
export class RespondToScoutCommand extends Command<{ scoutId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly scoutId: string,
    readonly accept: boolean,
  ) {
    super();
  }
}
