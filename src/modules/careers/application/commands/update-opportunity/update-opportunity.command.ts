import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { OpportunityTerms } from '../../../domain/opportunity.aggregate.js';

/** Changes the given terms; undefined ones stay as they are (compensation: null clears it). */
export class UpdateOpportunityCommand extends Command<{ opportunityId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
    readonly changes: Partial<OpportunityTerms>,
  ) {
    super();
  }
}
