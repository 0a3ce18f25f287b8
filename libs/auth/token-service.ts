import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';

export interface TokenOptions {
  secret: string;
  ttlSeconds: number;
}

export const TOKEN_OPTIONS = Symbol('TOKEN_OPTIONS');

/** What a valid token says: whose it is, its own id, and which generation of the account's tokens. */
export interface VerifiedToken {
  accountId: string;
  /** The token's `jti`: what signOut revokes. */
  tokenId: string;
  /**
   * The account's token generation when the token was issued (claim `gen`). Changing the
   * password moves the account to the next generation, which revokes every older token.
   */
  generation: number;
  expiresAt: Date;
}

const ISSUER = 'minato';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Signs and verifies access tokens (JWT, HS256 only, with an expiry, an id and a generation). */
@Injectable()
export class TokenService {
  // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
  // PEM key on every call (createPublicKey was about a quarter of an authenticated burst's CPU).
  private readonly key: KeyObject;

  constructor(@Inject(TOKEN_OPTIONS) private readonly options: TokenOptions) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  issue(accountId: string, generation: number): string {
    return jwt.sign({ gen: generation }, this.key, {
      algorithm: 'HS256',
      subject: accountId,
      expiresIn: this.options.ttlSeconds,
      issuer: ISSUER,
      jwtid: randomUUID(),
    });
  }

  /**
   * What a valid token says, or null for a forged, malformed or expired one, or one without
   * an id or generation (issued before tokens could be revoked). Whether it has been revoked
   * is the CallerDirectory's question, answered from the database.
   */
  verify(token: string): VerifiedToken | null {
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
      const { jti, gen } = claims as { jti?: unknown; gen?: unknown };
      if (typeof jti !== 'string' || !UUID.test(jti) || typeof gen !== 'number' || !Number.isSafeInteger(gen) || gen < 0) return null;
      return { accountId: claims.sub, tokenId: jti, generation: gen, expiresAt: new Date(claims.exp * 1000) };
    } catch {
      return null;
    }
  }
}
