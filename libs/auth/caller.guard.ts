import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Caller } from './caller.js';
import { CallerAuthenticator } from './caller-authenticator.js';

/** What the guard keeps on the GraphQL context. */
export interface AuthContext {
  /** The HTTP request; over a WebSocket, the `authorization` of the connection's parameters. */
  req?: { headers?: Record<string, string | string[] | undefined> };
  callerPromise?: Promise<Caller | null>;
  caller?: Caller | null;
}

/**
 * Resolves the caller once per operation from `Authorization: Bearer <token>` (see
 * CallerAuthenticator) and keeps it on the context. No header: an anonymous caller. A bad,
 * expired, revoked or orphaned token: UNAUTHENTICATED, whatever the operation.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(private readonly authenticator: CallerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const ctx = GqlExecutionContext.create(context).getContext<AuthContext>();
    ctx.callerPromise ??= this.authenticator.authenticate(ctx.req?.headers?.authorization);
    ctx.caller = await ctx.callerPromise;
    return true;
  }
}
