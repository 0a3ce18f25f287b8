import type { AuthContext } from '../auth/caller.guard.js';
import { RequestLoaders } from './loaders.js';

/** What every resolver finds on the GraphQL context. */
export interface RequestContext extends AuthContext {
  loaders: RequestLoaders;
}

/** Builds the context for one request (Fastify passes the request first). */
export function buildContext(request: unknown): RequestContext {
  const req = (request as { req?: AuthContext['req'] }).req ?? (request as AuthContext['req']);
  return { req, loaders: new RequestLoaders() };
}
