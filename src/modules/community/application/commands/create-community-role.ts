import { Command, CommandHandler } from '@nestjs/cqrs';
import { Capability, type Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRole, type RoleTerms } from '../../domain/community-role.aggregate.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** createCommunityRole: a DRAFT role of an organization holding COMMUNITY_MANAGE, in its region. */
export class CreateCommunityRoleCommand extends Command<{ roleId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly organizationId: string,
    readonly terms: RoleTerms,
  ) {
    super();
  }
}

@CommandHandler(CreateCommunityRoleCommand)
export class CreateCommunityRoleHandler extends TransactionalHandler<CreateCommunityRoleCommand, { roleId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: CreateCommunityRoleCommand) {
    const staff = CommunityPolicy.manageRole(c.caller, c.organizationId);
    const membership = staff.memberships.find((m) => m.organizationId === c.organizationId && m.capabilities.includes(Capability.COMMUNITY_MANAGE))!;
    const role = CommunityRole.create({ id: c.organizationId, regionId: membership.regionId }, c.terms);
    await this.repo.saveRole(role);
    return { roleId: role.id };
  }
}
