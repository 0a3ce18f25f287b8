import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadManagedRole } from './support.js';

/** openCommunityRole: DRAFT -> OPEN. */
export class OpenCommunityRoleCommand extends Command<{ roleId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly roleId: string,
  ) {
    super();
  }
}

@CommandHandler(OpenCommunityRoleCommand)
export class OpenCommunityRoleHandler extends TransactionalHandler<OpenCommunityRoleCommand, { roleId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: OpenCommunityRoleCommand) {
    const role = await loadManagedRole(this.repo, c.caller, c.roleId, 'update');
    role.open();
    await this.repo.saveRole(role);
    return { roleId: role.id };
  }
}
