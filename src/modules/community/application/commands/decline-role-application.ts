import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';
import { loadApplicationLocked } from './support.js';

/** declineRoleApplication: staff of the role's organization; APPLIED -> DECLINED. */
export class DeclineRoleApplicationCommand extends Command<{ applicationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly applicationId: string,
  ) {
    super();
  }
}

@CommandHandler(DeclineRoleApplicationCommand)
export class DeclineRoleApplicationHandler extends TransactionalHandler<DeclineRoleApplicationCommand, { applicationId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: DeclineRoleApplicationCommand) {
    requireCaller(c.caller);
    const application = await loadApplicationLocked(this.repo, c.applicationId);
    CommunityPolicy.manageRole(c.caller, application.state.role.organizationId);
    application.decline();
    await this.repo.saveApplication(application);
    return { applicationId: application.id };
  }
}
