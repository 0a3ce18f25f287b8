import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { GetOrganizationsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { PrivacyRepository } from '../../../infrastructure/privacy.repository.js';
import type { ConsentRow } from '../../privacy.views.js';
import { PrivacyPolicy } from '../../privacy.policy.js';
import { SetConsentCommand } from './set-consent.command.js';

/** One person's answers are one aggregate: the answer, its history row and its event in one transaction. */
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
    const consents = await this.repo.loadConsents(caller.accountId);
    const answer = consents.answer(command.purpose, command.organizationId, command.granted, at);
    await this.repo.saveConsents(consents, at);
    return answer;
  }
}
