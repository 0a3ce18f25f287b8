import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { TokenService } from '#libs/auth/token-service.js';
import { UnauthenticatedError } from '#libs/ddd/errors.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { assertPasswordAcceptable, WrongCurrentPassword } from '../../../domain/identity.errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { PasswordCheck } from '../../password-check/password-check.js';
import { ChangePasswordCommand } from './change-password.command.js';

/**
 * Not a TransactionalHandler: the current password is checked (and a failure counted) and
 * the new one hashed before the transaction opens, so no transaction holds a pooled
 * connection through two argon2 runs while the attempt counter waits for another. The
 * account is then saved in one unit of work, under its version: a concurrent change of
 * the same account is a CONFLICT, not a lost update.
 */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly passwords: PasswordCheck,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(command: ChangePasswordCommand) {
    const caller = IdentityPolicy.changePassword(command.caller);
    assertPasswordAcceptable(command.newPassword, 'newPassword');
    const account = await this.repo.findAccountById(caller.accountId);
    if (!account) throw new UnauthenticatedError('The token names no account; sign in again');
    const ok = await this.passwords.verify({
      email: account.email,
      clientAddress: command.clientAddress,
      passwordHash: account.passwordHash,
      password: command.currentPassword,
    });
    // BAD_USER_INPUT, not UNAUTHENTICATED: the session is fine, the field is wrong.
    if (!ok) throw new WrongCurrentPassword();
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.uow.run(async () => {
      account.changePassword(passwordHash);
      await this.repo.saveAccount(account);
    });
    return { accountId: account.id, token: this.tokens.issue(account.id, account.tokenGeneration) };
  }
}
