import { CommandHandler } from '@nestjs/cqrs';
import { AccountKind } from '#libs/auth/caller.js';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Account } from '../../../domain/account.aggregate.js';
import { normalizeEmail } from '../../../domain/email.js';
import { assertPasswordAcceptable, EmailTaken } from '../../../domain/identity.errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { CreateStaffAccountCommand } from './create-staff-account.command.js';

@CommandHandler(CreateStaffAccountCommand)
export class CreateStaffAccountHandler extends TransactionalHandler<CreateStaffAccountCommand, { accountId: string }> {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly hasher: PasswordHasher,
  ) {
    super();
  }

  protected async handle(command: CreateStaffAccountCommand) {
    IdentityPolicy.createStaffAccount(command.caller, command.organizationId);
    const org = await this.repo.findOrganizationById(command.organizationId);
    if (!org) throw new NotFoundError('Organization', command.organizationId);
    const email = normalizeEmail(command.email);
    assertPasswordAcceptable(command.password);
    if (await this.repo.findAccountByEmail(email)) throw new EmailTaken();
    const account = Account.register({
      email,
      displayName: command.displayName,
      kind: AccountKind.STAFF,
      passwordHash: await this.hasher.hash(command.password),
      memberships: [{ organizationId: org.id, regionId: org.state.regionId, role: command.role }],
    });
    await this.repo.saveAccount(account);
    return { accountId: account.id };
  }
}
