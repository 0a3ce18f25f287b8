import request from 'supertest';
import type { TestApp } from '../harness/harness.js';

/** One HTTP request to /graphql, exactly as a hostile client would send it. */
export interface RawRequest {
  /** A JSON value (sent as JSON) or a raw string (sent as is, with the JSON content type). */
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One hostile case: what the client tries and what it must get back. `request` may set the
 * stage first (an account, earlier attempts) through the TestApp; only the request it
 * returns is judged (and timed, with MINATO_SECURITY_TIMES=1: see security.e2e-spec.ts).
 */
export interface SecurityCase {
  name: string;
  request: (t: TestApp) => RawRequest | Promise<RawRequest>;
  /**
   * The request changes nothing on the server (refused before anything runs), so the timing
   * report may send it again (the median of 20). Leave unset for a case with state, such as
   * counted attempts.
   */
  stateless?: boolean;
  /**
   * What the server still lacks for this row to hold. The runner then expects the row to fail
   * (jest's it.failing), so the table stays green and turns red the day the gap is closed:
   * remove this field then.
   */
  knownGap?: string;
  expect: {
    /** `extensions.code` of the first error. */
    code: string;
    /** HTTP status, when it matters (a batch refused with 400, say). */
    status?: number;
    /** Further `extensions` the first error must carry (e.g. retryAfterSeconds). */
    extensions?: Record<string, unknown>;
    /** When true, no `data` may come back (refused before any resolver ran). */
    noData?: boolean;
  };
}

/** A GraphQL operation as a request body. */
export const op = (query: string, variables?: Record<string, unknown>): RawRequest => ({ body: { query, variables } });

/** The same with a bearer token. */
export const authed = (token: string, query: string, variables?: Record<string, unknown>): RawRequest => ({
  body: { query, variables },
  headers: { authorization: `Bearer ${token}` },
});

/** Sends one prepared request and returns the raw answer. */
export function sendRaw(t: TestApp, req: RawRequest): Promise<request.Response> {
  let r = request(t.server as never).post('/graphql').set('content-type', 'application/json');
  for (const [k, v] of Object.entries(req.headers ?? {})) r = r.set(k, v);
  return r.send(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
}

/** Sends the case's request and returns the raw answer. */
export async function send(t: TestApp, c: SecurityCase): Promise<request.Response> {
  return sendRaw(t, await c.request(t));
}
