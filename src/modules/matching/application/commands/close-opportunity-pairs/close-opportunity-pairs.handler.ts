import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '../../../../../../libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { CloseOpportunityPairsCommand } from './close-opportunity-pairs.command.js';

/**
 * A set-based reaction: every open interest and scout of one closed opportunity, in one
 * transaction (each still checks its version and writes its own event), so none is left open.
 */
@CommandHandler(CloseOpportunityPairsCommand)
export class CloseOpportunityPairsHandler extends TransactionalHandler<CloseOpportunityPairsCommand, { interests: number; scouts: number }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: CloseOpportunityPairsCommand) {
    const interests = await this.repo.openInterestsFor(command.opportunityId);
    for (const interest of interests) {
      interest.decline('OPPORTUNITY_CLOSED');
      await this.repo.saveInterest(interest);
    }
    const scouts = await this.repo.sentScoutsFor(command.opportunityId);
    for (const scout of scouts) {
      scout.withdrawBecauseClosed();
      await this.repo.saveScout(scout);
    }
    return { interests: interests.length, scouts: scouts.length };
  }
}
