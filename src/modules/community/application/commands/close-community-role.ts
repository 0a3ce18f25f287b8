import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadManagedRole } from './support.js';

/** closeCommunityRole: OPEN -> CLOSED, declining the applications still APPLIED in the same transaction. */
export class CloseCommunityRoleCommand extends Command<{ roleId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly roleId: string,
  ) {
    super();
  }
}

@CommandHandler(CloseCommunityRoleCommand)
export class CloseCommunityRoleHandler extends TransactionalHandler<CloseCommunityRoleCommand, { roleId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: CloseCommunityRoleCommand) {
    const role = await loadManagedRole(this.repo, c.caller, c.roleId, 'update');
    role.close();
    await this.repo.saveRole(role, { declineApplied: true });
    return { roleId: role.id };
  }
}
