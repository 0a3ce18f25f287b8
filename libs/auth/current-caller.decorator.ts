import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Caller } from './caller.js';
import type { AuthContext } from './caller.guard.js';

/** The caller resolved by CallerGuard: a Caller, or null for an anonymous one. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller | null =>
    GqlExecutionContext.create(context).getContext<AuthContext>().caller ?? null,
);
