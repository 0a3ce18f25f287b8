import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { requirePublished } from '../lock-opportunity-copy.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { RespondToScoutCommand } from './respond-to-scout.command.js';

@CommandHandler(RespondToScoutCommand)
export class RespondToScoutHandler extends TransactionalHandler<RespondToScoutCommand, { scoutId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: RespondToScoutCommand) {
    const caller = MatchingPolicy.candidate(command.caller);
    const scout = await this.repo.scout(command.scoutId);
    if (!scout || scout.accountId !== caller.accountId) throw new NotFoundError('Scout', command.scoutId);
    // Declining needs no open opportunity; accepting does, and the locked copy says so.
    if (command.accept) requirePublished(await this.repo.lockOpportunityCopy(scout.data.opportunityId));
    scout.respond(command.accept);
    await this.repo.saveScout(scout);
    return { scoutId: scout.id };
  }
}
