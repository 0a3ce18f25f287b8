import { Command } from '@nestjs/cqrs';
import type { PairFacts } from '#libs/contracts/matching/events.js';

/** Both sides said yes (an accepted interest or scout): the match begins. Idempotent per origin. */
export class EstablishMatchCommand extends Command<{ matchId: string | null }> {
  constructor(
    readonly pair: PairFacts,
    readonly origin: 'INTEREST' | 'SCOUT',
    readonly originId: string,
  ) {
    super();
  }
}
