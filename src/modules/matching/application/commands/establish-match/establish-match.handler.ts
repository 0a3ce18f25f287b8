import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Match } from '../../../domain/match.aggregate.js';
import { DuplicateLive, MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { EstablishMatchCommand } from './establish-match.command.js';

@CommandHandler(EstablishMatchCommand)
export class EstablishMatchHandler extends TransactionalHandler<EstablishMatchCommand, { matchId: string | null }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: EstablishMatchCommand) {
    if (await this.repo.matchExistsForOrigin(command.originId)) return { matchId: null };
    // The pair may have matched the other way meanwhile (interest and scout both accepted): one match is enough.
    if (await this.repo.liveMatchExists(command.pair.candidateId, command.pair.opportunityId)) return { matchId: null };
    const match = Match.establish(command.pair, command.origin, command.originId);
    try {
      await this.repo.saveMatch(match);
    } catch (error) {
      // The other acceptance of the same pair made the match a moment earlier: one is enough.
      if (error instanceof DuplicateLive) return { matchId: null };
      throw error;
    }
    return { matchId: match.id };
  }
}
