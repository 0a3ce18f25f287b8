import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Interest } from '../../../domain/interest.aggregate.js';
import { ProfileRequired } from '../../../domain/matching.errors.js';
import { DuplicateLive, MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { lockOpportunityCopy, requirePublished } from '../lock-opportunity-copy.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { ExpressInterestCommand } from './express-interest.command.js';

@CommandHandler(ExpressInterestCommand)
export class ExpressInterestHandler extends TransactionalHandler<ExpressInterestCommand, { interestId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: ExpressInterestCommand) {
    const caller = MatchingPolicy.candidate(command.caller);
    const profile = await this.repo.profileByAccount(caller.accountId);
    if (!profile) throw new ProfileRequired();
    const opportunity = await lockOpportunityCopy(this.repo, command.opportunityId);
    const existing = await this.repo.liveInterest(profile.id, opportunity.id);
    if (existing) return { interestId: existing.id };
    requirePublished(opportunity);
    const interest = Interest.express({
      candidateId: profile.id, accountId: caller.accountId, opportunityId: opportunity.id,
      regionId: opportunity.region_id, workStyle: opportunity.work_style,
    });
    try {
      await this.repo.saveInterest(interest);
      return { interestId: interest.id };
    } catch (error) {
      // A concurrent request of the same candidate won the unique index: answer with its interest.
      if (!(error instanceof DuplicateLive)) throw error;
      const winner = await this.repo.liveInterest(profile.id, opportunity.id);
      if (!winner) throw error;
      return { interestId: winner.id };
    }
  }
}
