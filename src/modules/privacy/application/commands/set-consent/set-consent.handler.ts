import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { GetOrganizationsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { ConsentChanged } from '#libs/contracts/privacy/events.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { PrivacyRepository } from '../../../infrastructure/privacy.repository.js';
import type { ConsentRow } from '../../privacy.views.js';
import { PrivacyPolicy } from '../../privacy.policy.js';
import { SetConsentCommand } from './set-consent.command.js';

/**
 * One person's answers are one aggregate: the answer, its history row and
 * `privacy.consent.changed` (with the answer's new version) are written in one transaction.
 */
@CommandHandler(SetConsentCommand)
export class SetConsentHandler extends TransactionalHandler<SetConsentCommand, ConsentRow> {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: SetConsentCommand): Promise<ConsentRow> {
    const caller = PrivacyPolicy.own(command.caller);
    if (command.organizationId !== null) {
      const [organization] = await this.queries.execute(new GetOrganizationsByIdsQuery([command.organizationId]));
      if (!organization) throw new NotFoundError('Organization', command.organizationId);
    }
    const at = new Date();
    const version = await this.repo.setAnswer(caller.accountId, command.purpose, command.organizationId, command.granted, at);
    await this.uow.publish('privacy', [
      ConsentChanged.create(caller.accountId, {
        accountId: caller.accountId,
        purpose: command.purpose,
        organizationId: command.organizationId,
        granted: command.granted,
        at: at.toISOString(),
        version,
      }, at),
    ]);
    return { purpose: command.purpose, organizationId: command.organizationId, granted: command.granted, version, updatedAt: at };
  }
}
