import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import type { Opportunity } from '../../../domain/opportunity.aggregate.js';
import { CareersRepository } from '../../../infrastructure/careers.repository.js';
import { CareersPolicy } from '../../careers.policy.js';
import {
  CloseOpportunityCommand,
  PublishOpportunityCommand,
  ReturnOpportunityToDraftCommand,
  SubmitOpportunityForReviewCommand,
} from './change-opportunity-status.command.js';

/** Loads an opportunity the caller may manage: UNAUTHENTICATED, NOT_FOUND, then FORBIDDEN. */
export async function loadManagedOpportunity(repo: CareersRepository, caller: Caller | null, id: string): Promise<Opportunity> {
  requireCaller(caller);
  const opportunity = await repo.findOpportunity(id);
  if (!opportunity) throw new NotFoundError('Opportunity', id);
  CareersPolicy.manage(caller, opportunity.regionId);
  return opportunity;
}

type StatusCommand = { caller: Caller | null; opportunityId: string };

/** One move of the status machine; the aggregate decides whether the move is allowed. */
@Injectable()
abstract class ChangeOpportunityStatusHandler<C extends StatusCommand> extends TransactionalHandler<C, { opportunityId: string }> {
  constructor(private readonly repo: CareersRepository) {
    super();
  }

  protected abstract apply(opportunity: Opportunity): void;

  protected async handle(command: C) {
    const opportunity = await loadManagedOpportunity(this.repo, command.caller, command.opportunityId);
    this.apply(opportunity);
    await this.repo.saveOpportunity(opportunity);
    return { opportunityId: opportunity.id };
  }
}

@CommandHandler(SubmitOpportunityForReviewCommand)
export class SubmitOpportunityForReviewHandler extends ChangeOpportunityStatusHandler<SubmitOpportunityForReviewCommand> {
  protected apply(o: Opportunity) {
    o.submitForReview();
  }
}

@CommandHandler(ReturnOpportunityToDraftCommand)
export class ReturnOpportunityToDraftHandler extends ChangeOpportunityStatusHandler<ReturnOpportunityToDraftCommand> {
  protected apply(o: Opportunity) {
    o.returnToDraft();
  }
}

@CommandHandler(PublishOpportunityCommand)
export class PublishOpportunityHandler extends ChangeOpportunityStatusHandler<PublishOpportunityCommand> {
  protected apply(o: Opportunity) {
    o.publish();
  }
}

@CommandHandler(CloseOpportunityCommand)
export class CloseOpportunityHandler extends ChangeOpportunityStatusHandler<CloseOpportunityCommand> {
  protected apply(o: Opportunity) {
    o.close();
  }
}
