import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PasswordHasher } from '../../../../../../libs/auth/password-hasher.js';
import { TokenService } from '../../../../../../libs/auth/token-service.js';
import { UnauthenticatedError } from '../../../../../../libs/ddd/errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { SignInCommand } from './sign-in.command.js';

/** Reads only, so no unit of work. A wrong email and a wrong password answer alike. */
@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    private readonly accounts: IdentityRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async execute(command: SignInCommand) {
    const email = command.email.normalize('NFKC').trim().toLowerCase();
    const account = await this.accounts.findAccountByEmail(email);
    const ok = await this.hasher.verify(account?.passwordHash, command.password);
    if (!account || !ok) throw new UnauthenticatedError('Wrong email or password');
    return { accountId: account.id, token: this.tokens.issue(account.id) };
  }
}
