import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';

export interface TokenOptions {
  secret: string;
  ttlSeconds: number;
}

export const TOKEN_OPTIONS = Symbol('TOKEN_OPTIONS');

/** Signs and verifies access tokens (JWT, HS256, with an expiry). */
@Injectable()
export class TokenService {
  constructor(@Inject(TOKEN_OPTIONS) private readonly options: TokenOptions) {}

  issue(accountId: string): string {
    return jwt.sign({}, this.options.secret, {
      algorithm: 'HS256',
      subject: accountId,
      expiresIn: this.options.ttlSeconds,
      issuer: 'minato',
    });
  }

  /** The account id in a valid token, or null for a forged, malformed or expired one. */
  verify(token: string): string | null {
    try {
      const claims = jwt.verify(token, this.options.secret, { algorithms: ['HS256'], issuer: 'minato' });
      return typeof claims === 'object' && typeof claims.sub === 'string' ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
