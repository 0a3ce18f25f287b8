import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';
import { loadApplicationLocked } from './support.js';

/** endRoleApplication: staff of the role's organization; ACCEPTED -> ENDED, the seat freed. */
export class EndRoleApplicationCommand extends Command<{ applicationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly applicationId: string,
  ) {
    super();
  }
}

@CommandHandler(EndRoleApplicationCommand)
export class EndRoleApplicationHandler extends TransactionalHandler<EndRoleApplicationCommand, { applicationId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: EndRoleApplicationCommand) {
    requireCaller(c.caller);
    const application = await loadApplicationLocked(this.repo, c.applicationId);
    CommunityPolicy.manageRole(c.caller, application.state.role.organizationId);
    const { freedSeat } = application.end();
    await this.repo.saveApplication(application, { freedSeat });
    return { applicationId: application.id };
  }
}
