import { Injectable } from '@nestjs/common';
import { Caller, type CallerDirectory } from '#libs/auth/caller.js';
import type { VerifiedToken } from '#libs/auth/token-service.js';
import { IdentityRepository } from './identity.repository.js';

/**
 * Identity's implementation of libs/auth's CallerDirectory: one query per signed-in
 * request, which also answers whether the token is still good. No cache, so a revocation
 * or a password change takes effect at once on every process.
 */
@Injectable()
export class IdentityCallerDirectory implements CallerDirectory {
  constructor(private readonly repo: IdentityRepository) {}

  async load(token: VerifiedToken): Promise<Caller | null> {
    const row = await this.repo.callerRow(token.accountId, token.tokenId);
    // Gone, signed out, or issued before the password last changed: like an expired token.
    if (!row || row.revoked || row.token_generation !== token.generation) return null;
    return new Caller(
      row.id, row.kind, row.display_name, row.email, row.memberships,
      { tokenId: token.tokenId, expiresAt: token.expiresAt },
      row.created_at,
    );
  }
}
