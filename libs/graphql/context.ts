import type { AuthContext } from '../auth/caller.guard.js';
import { RequestLoaders } from './loaders.js';

/** What every resolver finds on the GraphQL context. */
export interface RequestContext extends AuthContext {
  loaders: RequestLoaders;
  /**
   * The client's address: Fastify's `request.ip`, which follows X-Forwarded-For only
   * through the proxies TRUST_PROXY names (otherwise it is the connection's peer).
   */
  clientAddress: string;
}

/** The part of Fastify's request the context reads. */
type IncomingRequest = NonNullable<AuthContext['req']> & { ip?: string; socket?: { remoteAddress?: string } };

/** Builds the context for one request (Fastify passes the request first). */
export function buildContext(request: unknown): RequestContext {
  const req = (request as { req?: IncomingRequest }).req ?? (request as IncomingRequest);
  return { req, loaders: new RequestLoaders(), clientAddress: req?.ip ?? req?.socket?.remoteAddress ?? 'unknown' };
}
