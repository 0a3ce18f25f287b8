import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { InvalidStatusTransition, RoleFull, RoleNotOpen } from '../../domain/community.errors.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/**
 * acceptRoleApplication: APPLIED -> ACCEPTED, never beyond the role's seats. The policy and
 * the aggregate's own refusals are asked first; then one SQL statement locks the role,
 * decides on the seat and writes the application with its event (the lock is held for that
 * one round trip only).
 */
export class AcceptRoleApplicationCommand extends Command<{ applicationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly applicationId: string,
  ) {
    super();
  }
}

@CommandHandler(AcceptRoleApplicationCommand)
export class AcceptRoleApplicationHandler implements ICommandHandler<AcceptRoleApplicationCommand> {
  constructor(private readonly repo: CommunityRepository) {}

  async execute(c: AcceptRoleApplicationCommand) {
    requireCaller(c.caller);
    const application = await this.repo.findApplication(c.applicationId);
    if (!application) throw new NotFoundError('Role application', c.applicationId);
    CommunityPolicy.manageRole(c.caller, application.state.role.organizationId);
    application.acceptable();
    const { outcome, status } = await this.repo.acceptApplication(application.id);
    switch (outcome) {
      case 'ACCEPTED':
        return { applicationId: application.id };
      case 'ROLE_FULL':
        throw new RoleFull();
      case 'ROLE_NOT_OPEN':
        throw new RoleNotOpen('not OPEN');
      case 'NOT_APPLIED':
        throw new InvalidStatusTransition('an application', status ?? 'changed', 'accept', 'APPLIED');
      default:
        throw new NotFoundError('Role application', c.applicationId);
    }
  }
}
