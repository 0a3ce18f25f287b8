import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '../../../../../../libs/auth/require.js';
import { ForbiddenError, NotFoundError } from '../../../../../../libs/ddd/errors.js';
import { TransactionalHandler } from '../../../../../../libs/messaging/transactional-handler.js';
import { OpportunityNotPublished } from '../../../domain/matching.errors.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { AcceptInterestCommand, DeclineInterestCommand, WithdrawInterestCommand } from './withdraw-interest.command.js';

/** The candidate takes back their own OPEN interest. */
@CommandHandler(WithdrawInterestCommand)
export class WithdrawInterestHandler extends TransactionalHandler<WithdrawInterestCommand, { interestId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: WithdrawInterestCommand) {
    const caller = MatchingPolicy.candidate(command.caller);
    const interest = await this.repo.interest(command.interestId);
    // Someone else's interest does not exist as far as this candidate can tell.
    if (!interest || interest.accountId !== caller.accountId) throw new NotFoundError('Interest', command.interestId);
    interest.withdraw();
    await this.repo.saveInterest(interest);
    return { interestId: interest.id };
  }
}

@CommandHandler(AcceptInterestCommand)
export class AcceptInterestHandler extends TransactionalHandler<AcceptInterestCommand, { interestId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: AcceptInterestCommand) {
    const caller = requireCaller(command.caller);
    const interest = await this.repo.interest(command.interestId);
    if (!interest) throw new NotFoundError('Interest', command.interestId);
    MatchingPolicy.employerSide(caller, interest.regionId);
    // The close may not have reached this interest yet: the copy says whether it is still open.
    const opportunity = await this.repo.opportunityCopy(interest.data.opportunityId);
    if (opportunity?.status !== 'PUBLISHED') throw new OpportunityNotPublished();
    interest.accept(caller.accountId);
    await this.repo.saveInterest(interest);
    return { interestId: interest.id };
  }
}

@CommandHandler(DeclineInterestCommand)
export class DeclineInterestHandler extends TransactionalHandler<DeclineInterestCommand, { interestId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: DeclineInterestCommand) {
    const caller = requireCaller(command.caller);
    const interest = await this.repo.interest(command.interestId);
    if (!interest) throw new NotFoundError('Interest', command.interestId);
    if (caller.isCandidate) throw new ForbiddenError('Only staff may decline an interest; withdraw your own instead');
    MatchingPolicy.employerSide(caller, interest.regionId);
    interest.decline('STAFF');
    await this.repo.saveInterest(interest);
    return { interestId: interest.id };
  }
}
