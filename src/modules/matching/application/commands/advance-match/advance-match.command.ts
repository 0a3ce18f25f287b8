import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { MatchStage } from '../../../domain/match.aggregate.js';

/** staff of the match's region: moves the match along its pipeline, with a note for the history. */
export class AdvanceMatchCommand extends Command<{ matchId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly stage: MatchStage,
    readonly note: string | null,
  ) {
    super();
  }
}
