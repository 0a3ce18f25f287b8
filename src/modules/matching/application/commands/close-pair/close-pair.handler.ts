import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { ClosePairCommand } from './close-pair.command.js';

@CommandHandler(ClosePairCommand)
export class ClosePairHandler extends TransactionalHandler<ClosePairCommand, { changed: boolean }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: ClosePairCommand) {
    if (command.kind === 'INTEREST') {
      const interest = await this.repo.interest(command.id);
      if (!interest || interest.status !== 'OPEN') return { changed: false };
      interest.decline('OPPORTUNITY_CLOSED');
      await this.repo.saveInterest(interest);
    } else {
      const scout = await this.repo.scout(command.id);
      if (!scout || scout.data.status !== 'SENT') return { changed: false };
      scout.withdrawBecauseClosed();
      await this.repo.saveScout(scout);
    }
    return { changed: true };
  }
}
