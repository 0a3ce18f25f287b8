import { Command } from '@nestjs/cqrs';

/** careers closed the opportunity: its open interests are declined and its unanswered scouts withdrawn. */
export class CloseOpportunityPairsCommand extends Command<{ interests: number; scouts: number }> {
  constructor(readonly opportunityId: string) {
    super();
  }
}
