import { Inject, Injectable } from '@nestjs/common';
import { UnauthenticatedError } from '../ddd/errors.js';
import { CALLER_DIRECTORY, type Caller, type CallerDirectory } from './caller.js';
import { TokenService } from './token-service.js';

/**
 * Turns an `Authorization` value into the caller, the one way every transport does it (an
 * HTTP request's header, a WebSocket's `connectionParams.authorization`). Absent: an
 * anonymous caller (null). Present but not `Bearer <token>`, or a bad, expired, revoked or
 * orphaned token: UNAUTHENTICATED, so a client never silently acts anonymously. The
 * token's signature and expiry are checked here; revocation and the account, in the
 * directory's one query.
 */
@Injectable()
export class CallerAuthenticator {
  constructor(
    private readonly tokens: TokenService,
    @Inject(CALLER_DIRECTORY) private readonly directory: CallerDirectory,
  ) {}

  async authenticate(header: string | string[] | undefined): Promise<Caller | null> {
    if (header === undefined || header === '') return null;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const token = this.tokens.verify(match[1]);
    if (token === null) throw new UnauthenticatedError('The token is invalid or has expired; sign in again');
    const caller = await this.directory.load(token);
    if (caller === null) throw new UnauthenticatedError('The token was revoked or names no account; sign in again');
    return caller;
  }
}
