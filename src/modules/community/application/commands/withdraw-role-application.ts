import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadApplicationLocked } from './support.js';

/** withdrawRoleApplication: the applicant; APPLIED or ACCEPTED -> WITHDRAWN (an ACCEPTED one frees its seat). */
export class WithdrawRoleApplicationCommand extends Command<{ applicationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly applicationId: string,
  ) {
    super();
  }
}

@CommandHandler(WithdrawRoleApplicationCommand)
export class WithdrawRoleApplicationHandler extends TransactionalHandler<WithdrawRoleApplicationCommand, { applicationId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: WithdrawRoleApplicationCommand) {
    const caller = requireCaller(c.caller);
    const application = await loadApplicationLocked(this.repo, c.applicationId);
    if (application.state.applicant.accountId !== caller.accountId) throw new ForbiddenError('Only the applicant may withdraw an application');
    const { freedSeat } = application.withdraw();
    await this.repo.saveApplication(application, { freedSeat });
    return { applicationId: application.id };
  }
}
