import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** approveSupporter: COMMUNITY_MANAGE staff of the supporter's region. */
export class ApproveSupporterCommand extends Command<{ supporterId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly supporterId: string,
  ) {
    super();
  }
}

@CommandHandler(ApproveSupporterCommand)
export class ApproveSupporterHandler extends TransactionalHandler<ApproveSupporterCommand, { supporterId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: ApproveSupporterCommand) {
    requireCaller(c.caller);
    const supporter = await this.repo.findSupporter(c.supporterId, 'update');
    if (!supporter) throw new NotFoundError('Supporter', c.supporterId);
    CommunityPolicy.manageRegion(c.caller, supporter.state.regionId);
    supporter.approve();
    await this.repo.saveSupporter(supporter);
    return { supporterId: supporter.id };
  }
}
