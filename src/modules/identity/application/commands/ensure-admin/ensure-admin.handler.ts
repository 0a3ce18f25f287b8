import { CommandHandler } from '@nestjs/cqrs';
import { AccountKind } from '#libs/auth/caller.js';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { ConflictError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Account } from '../../../domain/account.aggregate.js';
import { normalizeEmail } from '../../../domain/email.js';
import { assertPasswordAcceptable } from '../../../domain/identity.errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { EnsureAdminCommand } from './ensure-admin.command.js';

@CommandHandler(EnsureAdminCommand)
export class EnsureAdminHandler extends TransactionalHandler<EnsureAdminCommand, { accountId: string; created: boolean }> {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly hasher: PasswordHasher,
  ) {
    super();
  }

  protected async handle(command: EnsureAdminCommand) {
    const email = normalizeEmail(command.email);
    assertPasswordAcceptable(command.password);
    const existing = await this.repo.findAccountByEmail(email);
    if (existing) {
      if (existing.kind !== AccountKind.ADMIN) {
        throw new ConflictError('NOT_AN_ADMIN', `${email} belongs to a ${existing.kind} account, not an ADMIN`);
      }
      return { accountId: existing.id, created: false };
    }
    const account = Account.register({
      email,
      displayName: command.displayName,
      kind: AccountKind.ADMIN,
      passwordHash: await this.hasher.hash(command.password),
    });
    await this.repo.saveAccount(account);
    return { accountId: account.id, created: true };
  }
}
