import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TokenService } from '#libs/auth/token-service.js';
import { UnauthenticatedError } from '#libs/ddd/errors.js';
import { canonicalEmail } from '../../../domain/email.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { PasswordCheck } from '../../password-check/password-check.js';
import { SignInCommand } from './sign-in.command.js';

/**
 * Reads only (the attempt counts are not the account's), so no unit of work. A wrong
 * email and a wrong password answer alike, in the same time: one query either way, and
 * a dummy hash is checked when there is no account.
 */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    private readonly accounts: IdentityRepository,
    private readonly passwords: PasswordCheck,
    private readonly tokens: TokenService,
  ) {}

  async execute(command: SignInCommand) {
    const email = canonicalEmail(command.email);
    const account = await this.accounts.credentialsByEmail(email);
    const ok = await this.passwords.verify({
      email,
      clientAddress: command.clientAddress,
      passwordHash: account?.passwordHash,
      password: command.password,
    });
    if (!account || !ok) throw new UnauthenticatedError('Wrong email or password');
    return { accountId: account.id, token: this.tokens.issue(account.id, account.tokenGeneration) };
  }
}
