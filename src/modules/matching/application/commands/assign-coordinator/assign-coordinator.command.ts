import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** MATCHING_COORDINATE staff: names the coordinator (a MATCHING_COORDINATE account of the region) of a match. */
export class AssignCoordinatorCommand extends Command<{ matchId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly coordinatorAccountId: string,
  ) {
    super();
  }
}
