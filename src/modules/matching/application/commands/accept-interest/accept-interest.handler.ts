import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { requirePublished } from '../lock-opportunity-copy.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { AcceptInterestCommand } from './accept-interest.command.js';

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
    // The close may not have reached this interest yet: the copy, locked, says whether it is still open.
    requirePublished(await this.repo.lockOpportunityCopy(interest.data.opportunityId));
    interest.accept(caller.accountId);
    await this.repo.saveInterest(interest);
    return { interestId: interest.id };
  }
}
