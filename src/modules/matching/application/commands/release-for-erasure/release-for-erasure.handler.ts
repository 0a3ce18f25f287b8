import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { ReleaseForErasureCommand } from './release-for-erasure.command.js';

/** The note of a match the person's erasure withdrew (its history says why; nothing of theirs in it). */
const ERASURE_WITHDRAWAL_NOTE = '候補者の退会により終了';

@CommandHandler(ReleaseForErasureCommand)
export class ReleaseForErasureHandler extends TransactionalHandler<ReleaseForErasureCommand, { changed: boolean }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: ReleaseForErasureCommand) {
    switch (command.kind) {
      case 'MATCH': {
        const match = await this.repo.match(command.id);
        if (!match || match.accountId !== command.accountId || !match.open) return { changed: false };
        match.advance('WITHDRAWN', ERASURE_WITHDRAWAL_NOTE, command.accountId);
        await this.repo.saveMatch(match);
        return { changed: true };
      }
      case 'INTEREST': {
        const interest = await this.repo.interest(command.id);
        if (!interest || interest.accountId !== command.accountId || interest.status !== 'OPEN') return { changed: false };
        interest.withdraw();
        await this.repo.saveInterest(interest);
        return { changed: true };
      }
      case 'SCOUT': {
        const scout = await this.repo.scout(command.id);
        if (!scout || scout.accountId !== command.accountId || scout.data.status !== 'SENT') return { changed: false };
        scout.respond(false);
        await this.repo.saveScout(scout);
        return { changed: true };
      }
    }
  }
}
