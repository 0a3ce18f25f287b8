import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import type { RoleTerms } from '../../domain/community-role.aggregate.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadManagedRole } from './support.js';

/** updateCommunityRole: not CLOSED; seats not below acceptedCount (the role is locked, the CHECK backs it). */
export class UpdateCommunityRoleCommand extends Command<{ roleId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly roleId: string,
    readonly changes: Partial<RoleTerms>,
  ) {
    super();
  }
}

@CommandHandler(UpdateCommunityRoleCommand)
export class UpdateCommunityRoleHandler extends TransactionalHandler<UpdateCommunityRoleCommand, { roleId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: UpdateCommunityRoleCommand) {
    const role = await loadManagedRole(this.repo, c.caller, c.roleId, 'update');
    role.update(c.changes);
    await this.repo.saveRole(role);
    return { roleId: role.id };
  }
}
