import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { visibleMatch } from '../visible-match.js';
import { AdvanceMatchCommand } from './advance-match.command.js';

@CommandHandler(AdvanceMatchCommand)
export class AdvanceMatchHandler extends TransactionalHandler<AdvanceMatchCommand, { matchId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: AdvanceMatchCommand) {
    const caller = requireCaller(command.caller);
    const match = await visibleMatch(this.repo, caller, command.matchId);
    MatchingPolicy.advance(caller, match);
    match.advance(command.stage, command.note, caller.accountId);
    await this.repo.saveMatch(match);
    return { matchId: match.id };
  }
}
