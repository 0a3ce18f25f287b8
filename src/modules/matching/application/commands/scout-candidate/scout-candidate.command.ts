import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** staff: invites a candidate to a PUBLISHED opportunity of their region. */
export class ScoutCandidateCommand extends Command<{ scoutId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly candidateId: string,
    readonly opportunityId: string,
    readonly message: string,
  ) {
    super();
  }
}
