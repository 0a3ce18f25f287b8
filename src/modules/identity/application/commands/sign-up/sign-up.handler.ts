import { CommandHandler } from '@nestjs/cqrs';
import { AccountKind } from '#libs/auth/caller.js';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { TokenService } from '#libs/auth/token-service.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Account } from '../../../domain/account.aggregate.js';
import { normalizeEmail } from '../../../domain/email.js';
import { assertPasswordAcceptable, EmailTaken } from '../../../domain/identity.errors.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { SignUpCommand } from './sign-up.command.js';

@CommandHandler(SignUpCommand)
export class SignUpHandler extends TransactionalHandler<SignUpCommand, { accountId: string; token: string }> {
  constructor(
    private readonly accounts: IdentityRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {
    super();
  }

  protected async handle(command: SignUpCommand) {
    const email = normalizeEmail(command.email);
    assertPasswordAcceptable(command.password);
    // A friendly early answer; the unique index still decides under concurrency.
    if (await this.accounts.findAccountByEmail(email)) throw new EmailTaken();
    const account = Account.register({
      email,
      displayName: command.displayName,
      kind: AccountKind.CANDIDATE,
      passwordHash: await this.hasher.hash(command.password),
    });
    await this.accounts.saveAccount(account);
    return { accountId: account.id, token: this.tokens.issue(account.id, account.tokenGeneration) };
  }
}
