import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EraseAccountCommand } from '#libs/contracts/identity/commands.js';
import { UnauthenticatedError } from '#libs/ddd/errors.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { WrongPassword } from '../../../domain/identity.errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { PasswordCheck } from '../../password-check/password-check.js';

/**
 * Like changePassword, the password is checked before the transaction opens; the account
 * is then saved under its version (a concurrent change is a CONFLICT), with its events'
 * payloads scrubbed in the same transaction.
 */
@CommandHandler(EraseAccountCommand)
export class EraseAccountHandler implements ICommandHandler<EraseAccountCommand> {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly passwords: PasswordCheck,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(command: EraseAccountCommand): Promise<boolean> {
    const caller = IdentityPolicy.eraseAccount(command.caller);
    const account = await this.repo.findAccountById(caller.accountId);
    if (!account || account.erasedAt !== null) throw new UnauthenticatedError('The token names no account; sign in again');
    const ok = await this.passwords.verify({
      email: account.email,
      clientAddress: command.clientAddress,
      passwordHash: account.passwordHash,
      password: command.password,
    });
    if (!ok) throw new WrongPassword('password');
    await this.uow.run(async () => {
      account.erase(new Date());
      await this.repo.saveAccount(account);
      await this.repo.eraseTraces(account.id);
    });
    return true;
  }
}
