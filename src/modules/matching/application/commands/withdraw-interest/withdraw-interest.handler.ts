import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { WithdrawInterestCommand } from './withdraw-interest.command.js';

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
