import { Injectable } from '@nestjs/common';
import { Caller, type CallerDirectory } from '../../../../libs/auth/caller.js';
import { IdentityRepository } from './identity.repository.js';

/** Identity's implementation of libs/auth's CallerDirectory. */
@Injectable()
export class IdentityCallerDirectory implements CallerDirectory {
  constructor(private readonly repo: IdentityRepository) {}

  async load(accountId: string): Promise<Caller | null> {
    const account = await this.repo.findAccountById(accountId);
    if (!account) return null;
    const memberships = await this.repo.callerMemberships(account.id);
    return new Caller(account.id, account.kind, account.displayName, account.email, memberships);
  }
}
