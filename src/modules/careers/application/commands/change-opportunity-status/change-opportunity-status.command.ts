import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

abstract class OpportunityStatusCommand extends Command<{ opportunityId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
  ) {
    super();
  }
}

/** DRAFT -> IN_REVIEW */
export class SubmitOpportunityForReviewCommand extends OpportunityStatusCommand {}
/** IN_REVIEW -> DRAFT */
export class ReturnOpportunityToDraftCommand extends OpportunityStatusCommand {}
/** IN_REVIEW -> PUBLISHED */
export class PublishOpportunityCommand extends OpportunityStatusCommand {}
/** PUBLISHED -> CLOSED */
export class CloseOpportunityCommand extends OpportunityStatusCommand {}
