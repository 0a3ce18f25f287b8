import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { visibleMatch } from '../visible-match.js';
import { SendMessageCommand } from './send-message.command.js';

@CommandHandler(SendMessageCommand)
export class SendMessageHandler extends TransactionalHandler<SendMessageCommand, { messageId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: SendMessageCommand) {
    const caller = requireCaller(command.caller);
    const match = await visibleMatch(this.repo, caller, command.matchId);
    MatchingPolicy.message(caller, match);
    const body = command.body.trim();
    if (body.length === 0 || body.length > 5000) throw InvalidInputError.field('body', 'must have 1 to 5000 characters');
    // Messages only append; they never race with the match's stage, so they do not bump its version.
    // The outbox still gets MessageAdded (live updates, read models).
    const messageId = await this.repo.addMessage(match, { accountId: caller.accountId, displayName: caller.displayName }, body);
    return { messageId };
  }
}
