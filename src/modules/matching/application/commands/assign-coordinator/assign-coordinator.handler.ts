import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { Capability } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { GetAccountsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { visibleMatch } from '../visible-match.js';
import { AssignCoordinatorCommand } from './assign-coordinator.command.js';

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
