import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { UnauthenticatedError } from '../ddd/errors.js';
import { CALLER_DIRECTORY, type Caller, type CallerDirectory } from './caller.js';
import { TokenService } from './token-service.js';

/** What the guard keeps on the GraphQL context. */
export interface AuthContext {
  req?: { headers?: Record<string, string | string[] | undefined> };
  callerPromise?: Promise<Caller | null>;
  caller?: Caller | null;
}

/**
 * Resolves the caller once per request from `Authorization: Bearer <token>` and keeps it
 * on the context. No header: an anonymous caller. A header with a bad, expired, revoked or
 * orphaned token: UNAUTHENTICATED, whatever the operation, so a client never silently acts
 * anonymously. The token's signature and expiry are checked here; revocation and the
 * account, in the directory's one query.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    @Inject(CALLER_DIRECTORY) private readonly directory: CallerDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const ctx = GqlExecutionContext.create(context).getContext<AuthContext>();
    ctx.callerPromise ??= this.resolve(ctx.req?.headers?.authorization);
    ctx.caller = await ctx.callerPromise;
    return true;
  }

  private async resolve(header: string | string[] | undefined): Promise<Caller | null> {
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
