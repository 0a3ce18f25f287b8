import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError, NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { DeclineInterestCommand } from './decline-interest.command.js';

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
