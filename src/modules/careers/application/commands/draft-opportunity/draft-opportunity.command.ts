import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { OpportunityTerms } from '../../../domain/opportunity.aggregate.js';

export class DraftOpportunityCommand extends Command<{ opportunityId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly employerId: string,
    readonly terms: OpportunityTerms,
  ) {
    super();
  }
}
