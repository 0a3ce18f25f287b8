import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CommunityRoleStatus } from '#libs/contracts/community/enums.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { RoleApplication, checkApplicant } from '../../domain/role-application.aggregate.js';
import { CommunityRepository, DuplicateLive } from '../../infrastructure/community.repository.js';
import { requirePerson } from './support.js';

/**
 * applyForRole: a signed-in person applies to an OPEN role. One live application per person
 * and role (a unique index decides between concurrent ones): applying again returns it.
 */
export class ApplyForRoleCommand extends Command<{ applicationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly roleId: string,
    readonly motivation: string,
    readonly fullName: string,
    readonly phone: string,
  ) {
    super();
  }
}

@CommandHandler(ApplyForRoleCommand)
export class ApplyForRoleHandler extends TransactionalHandler<ApplyForRoleCommand, { applicationId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: ApplyForRoleCommand) {
    const caller = await requirePerson(this.repo, c.caller);
    // Shared lock: closing the role (which declines what is APPLIED) waits for this to commit.
    const role = await this.repo.findRole(c.roleId, 'share');
    if (!role || role.state.status === CommunityRoleStatus.DRAFT) throw new NotFoundError('Community role', c.roleId);
    // Bad input is refused even when a live application would be answered.
    checkApplicant({ fullName: c.fullName, phone: c.phone, motivation: c.motivation });
    const existing = await this.repo.findLiveApplicationId(role.id, caller.accountId);
    if (existing) return { applicationId: existing };
    const s = role.state;
    const application = RoleApplication.submit(
      { id: role.id, regionId: s.regionId, organizationId: s.organizationId, category: s.category, title: s.title, status: s.status },
      { accountId: caller.accountId, displayName: caller.displayName, email: caller.email, fullName: c.fullName, phone: c.phone },
      c.motivation,
    );
    try {
      await this.repo.saveApplication(application);
    } catch (error) {
      if (!(error instanceof DuplicateLive)) throw error;
      // A concurrent request of the same person won: answer its application.
      return { applicationId: (await this.repo.findLiveApplicationId(role.id, caller.accountId))! };
    }
    return { applicationId: application.id };
  }
}
