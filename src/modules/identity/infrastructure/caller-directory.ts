import { Injectable } from '@nestjs/common';
import { Caller, type CallerDirectory } from '../../../../libs/auth/caller.js';
import { IdentityRepository } from './identity.repository.js';

/** Identity's implementation of libs/auth's CallerDirectory. */
@Injectable()
export class IdentityCallerDirectory implements CallerDirectory {
  constructor(private readonly repo: IdentityRepository) {}

  async load(accountId: string): Promise<Caller | null> {
    // Two small queries per signed-in request, run together.
    const [account, memberships] = await Promise.all([this.repo.accountRow(accountId), this.repo.callerMemberships(accountId)]);
    if (!account) return null;
    return new Caller(account.id, account.kind, account.display_name, account.email, memberships);
  }
}
