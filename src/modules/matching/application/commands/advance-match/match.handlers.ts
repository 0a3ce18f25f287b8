import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { Capability, type Caller } from '../../../../../../libs/auth/caller.js';
import { requireCaller } from '../../../../../../libs/auth/require.js';
import { GetAccountsByIdsQuery } from '../../../../../../libs/contracts/identity/queries.js';
import { InvalidInputError, NotFoundError } from '../../../../../../libs/ddd/errors.js';
import { TransactionalHandler } from '../../../../../../libs/messaging/transactional-handler.js';
import type { Match } from '../../../domain/match.aggregate.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { AdvanceMatchCommand, AssignCoordinatorCommand, SendMessageCommand } from './advance-match.command.js';

/** A match the caller may see, or NOT_FOUND (a match one may not see does not exist for them). */
async function visibleMatch(repo: MatchingRepository, caller: Caller, id: string): Promise<Match> {
  const match = await repo.match(id);
  if (!match || !MatchingPolicy.seesMatch(caller, match)) throw new NotFoundError('Match', id);
  return match;
}

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

@CommandHandler(AssignCoordinatorCommand)
export class AssignCoordinatorHandler extends TransactionalHandler<AssignCoordinatorCommand, { matchId: string }> {
  constructor(
    private readonly repo: MatchingRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: AssignCoordinatorCommand) {
    const caller = requireCaller(command.caller);
    const match = await visibleMatch(this.repo, caller, command.matchId);
    MatchingPolicy.coordinate(caller, match.regionId);
    const [coordinator] = await this.queries.execute(new GetAccountsByIdsQuery([command.coordinatorAccountId]));
    const qualifies = coordinator?.memberships.some(
      (m) => m.regionId === match.regionId && m.capabilities.includes(Capability.MATCHING_COORDINATE),
    );
    if (!qualifies) {
      throw InvalidInputError.field('coordinatorAccountId', "must be a staff account with MATCHING_COORDINATE in the match's region");
    }
    match.assignCoordinator(coordinator.id);
    await this.repo.saveMatch(match);
    return { matchId: match.id };
  }
}

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
