import { CommandHandler } from '@nestjs/cqrs';
import { AccountKind } from '#libs/auth/caller.js';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { ConflictError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Account } from '../../../domain/account.aggregate.js';
import { normalizeEmail } from '../../../domain/email.js';
import { EmailTaken, assertPasswordAcceptable } from '../../../domain/identity.errors.js';
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
    const existing = await this.existingAdmin(email);
    if (existing) return existing;
    const account = Account.register({
      email,
      displayName: command.displayName,
      kind: AccountKind.ADMIN,
      passwordHash: await this.hasher.hash(command.password),
    });
    try {
      await this.repo.saveAccount(account);
    } catch (error) {
      // Replicas starting together on a new database: another one created it meanwhile
      // (the insert waited for its commit; this statement's snapshot now sees the row).
      const winner = error instanceof EmailTaken ? await this.existingAdmin(email) : null;
      if (winner) return winner;
      throw error;
    }
    return { accountId: account.id, created: true };
  }

  private async existingAdmin(email: string): Promise<{ accountId: string; created: false } | null> {
    const existing = await this.repo.findAccountByEmail(email);
    if (!existing) return null;
    if (existing.kind !== AccountKind.ADMIN) {
      throw new ConflictError('NOT_AN_ADMIN', `${email} belongs to a ${existing.kind} account, not an ADMIN`);
    }
    return { accountId: existing.id, created: false };
  }
}
