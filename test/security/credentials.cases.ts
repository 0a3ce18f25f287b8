import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#libs/config/config.js';
import { APP_CONFIG } from '#libs/config/config.module.js';
import { PASSWORD, type TestApp } from '../harness/harness.js';
import { authed, op, type RawRequest, type SecurityCase } from './security-case.js';

const ME = `{ me { id email } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
const SIGN_OUT = `mutation { signOut }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;

/** Matches a whole number of seconds above 0 (jest takes any object with asymmetricMatch). */
const positiveSeconds = {
  asymmetricMatch: (value: unknown) => Number.isInteger(value) && (value as number) > 0,
  toString: () => 'a whole number of seconds > 0',
  toAsymmetricMatcher: () => 'a whole number of seconds > 0',
};

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const secretOf = (t: TestApp) => t.app.get<AppConfig>(APP_CONFIG).jwtSecret;
/** The claims the server issues, for an account of our choosing. */
const claimsFor = (accountId: string) => ({ sub: accountId, iss: 'minato', jti: randomUUID(), gen: 0, iat: now(), exp: now() + 600 });

/** A new candidate: its id, email and token. */
async function candidate(t: TestApp) {
  const c = await t.candidate();
  const { me } = await c.ok<{ me: { id: string; email: string } }>(ME);
  return { id: me.id, email: me.email, token: c.token!, client: c };
}

// Each attempt-limit row is its own client address as well as its own account, so that if
// the runner's app trusts X-Forwarded-For their per-address counts never meet; without
// TRUST_PROXY they share the connection's address and add up to 56 failures (of 100).
let rows = 0;
const addressOfRow = () => `192.0.2.${++rows}`;
const fromAddress = (req: RawRequest, address: string): RawRequest => ({
  ...req,
  headers: { ...req.headers, 'x-forwarded-for': address },
});
const signInRequest = (email: string, password: string, address: string) =>
  fromAddress(op(SIGN_IN, { input: { email, password } }), address);

async function failSignIns(t: TestApp, email: string, times: number, address: string): Promise<void> {
  for (let i = 0; i < times; i++) {
    await t
      .anonymous()
      .withHeaders({ 'x-forwarded-for': address })
      .gql(SIGN_IN, { input: { email, password: 'wrong-password' } });
  }
}

const tooMany = { code: 'TOO_MANY_REQUESTS', extensions: { retryAfterSeconds: positiveSeconds } };

/** Password guessing, and tokens that are forged, expired, orphaned or revoked. */
export const credentialCases: SecurityCase[] = [
  // ---- tokens: each UNAUTHENTICATED, like an expired one
  {
    name: 'a token with alg none',
    request: async (t) => {
      const { id } = await candidate(t);
      return authed(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsFor(id))}.`, ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a token signed with another key',
    request: async (t) => {
      const { id } = await candidate(t);
      return authed(jwt.sign(claimsFor(id), 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256' }), ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a token signed with the right key but another algorithm (HS512)',
    request: async (t) => {
      const { id } = await candidate(t);
      return authed(jwt.sign(claimsFor(id), secretOf(t), { algorithm: 'HS512' }), ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'an expired token',
    request: async (t) => {
      const { id } = await candidate(t);
      return authed(jwt.sign({ ...claimsFor(id), iat: now() - 700, exp: now() - 100 }, secretOf(t), { algorithm: 'HS256' }), ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a token without an id (as issued before tokens could be revoked)',
    request: async (t) => {
      const { id } = await candidate(t);
      const { jti: _jti, ...claims } = claimsFor(id);
      return authed(jwt.sign(claims, secretOf(t), { algorithm: 'HS256' }), ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a token of a deleted account',
    request: async (t) => {
      const { id, token } = await candidate(t);
      await t.sql(`DELETE FROM identity.account WHERE id = $1`, [id]);
      return authed(token, ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a well-signed token of an unknown account',
    request: (t) => authed(jwt.sign(claimsFor(randomUUID()), secretOf(t), { algorithm: 'HS256' }), ME),
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'a token revoked by signOut',
    request: async (t) => {
      const { client, token } = await candidate(t);
      await client.ok(SIGN_OUT);
      return authed(token, ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: "another session's token after changePassword",
    request: async (t) => {
      const { email, client } = await candidate(t);
      const other = await t.signIn(email);
      await client.ok(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' } });
      return authed(other.token!, ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },
  {
    name: 'the token changePassword was called with (the fresh one replaces it)',
    request: async (t) => {
      const { client, token } = await candidate(t);
      await client.ok(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' } });
      return authed(token, ME);
    },
    expect: { code: 'UNAUTHENTICATED' },
  },

  // ---- password guessing (contract 15)
  {
    name: 'the 11th wrong password for one account',
    request: async (t) => {
      const { email } = await candidate(t);
      const address = addressOfRow();
      await failSignIns(t, email, 10, address);
      return signInRequest(email, 'wrong-password', address);
    },
    expect: tooMany,
  },
  {
    name: 'the right password after 11 failures',
    request: async (t) => {
      const { email } = await candidate(t);
      const address = addressOfRow();
      await failSignIns(t, email, 11, address);
      return signInRequest(email, PASSWORD, address);
    },
    expect: tooMany,
  },
  {
    name: 'the 11th attempt at an unknown email (answered like a known one)',
    request: async (t) => {
      const email = `nobody-${randomUUID()}@test.minato.example`;
      const address = addressOfRow();
      await failSignIns(t, email, 10, address);
      return signInRequest(email, 'wrong-password', address);
    },
    expect: tooMany,
  },
  {
    name: 'an email in other case and width after 10 failures',
    request: async (t) => {
      const { email } = await candidate(t);
      const address = addressOfRow();
      await failSignIns(t, email, 10, address);
      return signInRequest(` ${email.toUpperCase().replace('T', 'Ｔ')} `, 'wrong-password', address);
    },
    expect: tooMany,
  },
  {
    name: 'changePassword with a wrong current password',
    request: async (t) => {
      const { token } = await candidate(t);
      return fromAddress(
        authed(token, CHANGE_PASSWORD, { input: { currentPassword: 'wrong-password', newPassword: 'a-brand-new-password' } }),
        addressOfRow(),
      );
    },
    expect: { code: 'BAD_USER_INPUT', extensions: { fields: [{ field: 'currentPassword' }] } },
  },
  {
    name: 'a wrong current password to changePassword after 10 failed sign-ins (they count together)',
    request: async (t) => {
      const { email, token } = await candidate(t);
      const address = addressOfRow();
      await failSignIns(t, email, 10, address);
      return fromAddress(
        authed(token, CHANGE_PASSWORD, { input: { currentPassword: 'wrong-password', newPassword: 'a-brand-new-password' } }),
        address,
      );
    },
    expect: tooMany,
  },
];
