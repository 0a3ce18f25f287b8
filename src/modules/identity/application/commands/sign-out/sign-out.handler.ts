import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { SignOutCommand } from './sign-out.command.js';

@CommandHandler(SignOutCommand)
export class SignOutHandler extends TransactionalHandler<SignOutCommand, boolean> {
  constructor(private readonly repo: IdentityRepository) {
    super();
  }

  protected async handle(command: SignOutCommand): Promise<boolean> {
    const { caller, session } = IdentityPolicy.signOut(command.caller);
    // Kept until the token would have expired anyway; every process reads it per request.
    await this.repo.revokeToken(caller.accountId, session.tokenId, session.expiresAt);
    return true;
  }
}
