import { storedAttemptKey } from '../../src/modules/identity/infrastructure/password-attempt.store.js';
import { PASSWORD, TestApp, codeOf, type Client, type GqlResult } from '../harness/harness.js';

const ME = `{ me { email } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token account { id } } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`;

let addresses = 0;
/** A documentation address (TEST-NET-3) of its own for each test, so their per-address counts never meet. */
const newAddress = () => `203.0.113.${++addresses}`;

/**
 * Contract 15: failed password checks (signIn, changePassword) count together per account
 * and per client address, in PostgreSQL, and further attempts answer TOO_MANY_REQUESTS.
 */
describe('slowed password guessing', () => {
  // Behind a proxy on this host: X-Forwarded-For names the client, so each test can be a client of its own.
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { trustProxy: ['loopback'] } });
  });
  afterAll(() => t.close());

  const from = (address: string, client: Client = t.anonymous()) => client.withHeaders({ 'x-forwarded-for': address });
  const signIn = (address: string, email: string, password: string, app = t) =>
    from(address, app.anonymous()).gql(SIGN_IN, { input: { email, password } });
  const emailOf = async (c: Client) => (await c.ok<{ me: { email: string } }>(ME)).me.email;
  const account = async () => {
    const c = await t.candidate();
    return { client: c, email: await emailOf(c) };
  };
  const expectTooMany = (res: GqlResult) => {
    expect(codeOf(res)).toBe('TOO_MANY_REQUESTS');
    const retry = res.errors![0].extensions.retryAfterSeconds;
    expect(Number.isInteger(retry) && retry > 0 && retry <= 900).toBe(true);
    expect(res.data?.signIn ?? res.data?.changePassword ?? null).toBeNull();
    return retry as number;
  };
  const fail = async (n: number, address: string, emails: (i: number) => string) => {
    for (let i = 0; i < n; i++) expect(codeOf(await signIn(address, emails(i), 'wrong-password'))).toBe('UNAUTHENTICATED');
  };

  describe('per account', () => {
    it('answers the 11th wrong password TOO_MANY_REQUESTS with retryAfterSeconds, and then the right password too', async () => {
      const { email } = await account();
      const address = newAddress();
      await fail(10, address, () => email);
      expectTooMany(await signIn(address, email, 'wrong-password'));
      expectTooMany(await signIn(address, email, PASSWORD));
      // From any address: the limit is the account's.
      expectTooMany(await signIn(newAddress(), email, PASSWORD));
    });

    it('answers an unknown email exactly like a wrong password, up to the limit and beyond it', async () => {
      const { email } = await account();
      const unknown = `nobody-${Date.now()}@test.minato.example`;
      const address = newAddress();
      for (let i = 0; i < 10; i++) {
        const wrong = await signIn(address, email, 'wrong-password');
        const missing = await signIn(address, unknown, 'wrong-password');
        expect([codeOf(wrong), wrong.errors![0].message]).toEqual([codeOf(missing), missing.errors![0].message]);
      }
      const [wrong, missing] = [await signIn(address, email, 'wrong-password'), await signIn(address, unknown, 'wrong-password')];
      expect(codeOf(wrong)).toBe('TOO_MANY_REQUESTS');
      expect(codeOf(missing)).toBe('TOO_MANY_REQUESTS');
    });

    it('counts case and width variants of the email as one account, so they cannot be used to lock out or slip past', async () => {
      const { email } = await account();
      const [local, domain] = email.split('@');
      const variants = [email.toUpperCase(), `${local}@${domain.toUpperCase()}`, ` ${email} `, email.replace(/[a-z]/, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))];
      const address = newAddress();
      await fail(10, address, (i) => variants[i % variants.length]);
      expectTooMany(await signIn(address, variants[0], 'wrong-password'));
      expectTooMany(await signIn(address, email, PASSWORD));
    });

    it('starts the count again after a success', async () => {
      const { email } = await account();
      const address = newAddress();
      await fail(10, address, () => email);
      expect(codeOf(await signIn(address, email, PASSWORD))).toBeUndefined();
      await fail(10, address, () => email);
      expectTooMany(await signIn(address, email, 'wrong-password'));
    });

    it('lets the right password in again when the window has passed', async () => {
      const { email } = await account();
      const address = newAddress();
      await fail(10, address, () => email);
      expectTooMany(await signIn(address, email, 'wrong-password'));
      expectTooMany(await signIn(address, email, PASSWORD));
      // Fifteen minutes pass: the stored window ends (no sleeping, no clock in the test).
      const key = storedAttemptKey('account', email);
      const moved = await t.sql(`UPDATE identity.password_attempt SET expire = $2 WHERE key = $1 RETURNING key`, [key, Date.now() - 1]);
      expect(moved).toHaveLength(1);
      expect(codeOf(await signIn(address, email, PASSWORD))).toBeUndefined();
      await fail(10, address, () => email);
    });

    it('counts wrong current passwords of changePassword with sign-in failures, as BAD_USER_INPUT until the limit', async () => {
      const { client, email } = await account();
      const address = newAddress();
      const change = (currentPassword: string) =>
        from(address, client).gql(CHANGE_PASSWORD, { input: { currentPassword, newPassword: 'another-long-password' } });
      for (let i = 0; i < 5; i++) expect(codeOf(await change('wrong-password'))).toBe('BAD_USER_INPUT');
      await fail(5, address, () => email);
      expectTooMany(await change('wrong-password'));
      expectTooMany(await change(PASSWORD));
      expectTooMany(await signIn(address, email, PASSWORD));
      // The session itself is untouched.
      expect(codeOf(await client.gql(ME))).toBeUndefined();
    });

    it('checks at most 11 passwords of a burst of concurrent guesses at one account', async () => {
      const { email } = await account();
      const address = newAddress();
      const results = await Promise.all(Array.from({ length: 30 }, () => signIn(address, email, 'wrong-password')));
      const codes = results.map(codeOf);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c !== 'UNAUTHENTICATED').every((c) => c === 'TOO_MANY_REQUESTS')).toBe(true);
      expectTooMany(await signIn(address, email, PASSWORD));
    });
  });

  describe('per client address', () => {
    it('after 100 failures over any accounts, refuses the address, the right password included; other addresses are not affected', async () => {
      const { email } = await account();
      const address = newAddress();
      await fail(100, address, (i) => `guess-${i}-${address}@test.minato.example`);
      expect(expectTooMany(await signIn(address, `guess-100-${address}@test.minato.example`, 'wrong-password'))).toBeGreaterThan(0);
      expectTooMany(await signIn(address, email, PASSWORD));
      expect(codeOf(await signIn(newAddress(), email, PASSWORD))).toBeUndefined();
      // A sign-up from the address is not limited by this.
      const signUp = await from(address).gql(SIGN_UP, {
        input: { email: `newcomer-${address}@test.minato.example`, password: PASSWORD, displayName: '新しい人' },
      });
      expect(signUp.errors).toBeUndefined();
    });

    it('never limits sign-ups, nor successful sign-ins, from one address (a whole briefing on one office network)', async () => {
      const address = newAddress();
      const emails: string[] = [];
      for (let i = 0; i < 110; i++) {
        const email = `audience-${i}-${address}@test.minato.example`;
        const res = await from(address).gql(SIGN_UP, { input: { email, password: PASSWORD, displayName: `参加者${i}` } });
        expect(res.errors).toBeUndefined();
        emails.push(email);
      }
      for (const email of emails) expect(codeOf(await signIn(address, email, PASSWORD))).toBeUndefined();
      // And none of it counted: a wrong password from there is just wrong.
      expect(codeOf(await signIn(address, emails[0], 'wrong-password'))).toBe('UNAUTHENTICATED');
    });
  });

  describe('on two processes over one database', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await TestApp.start({ database: t.database, config: { trustProxy: ['loopback'] } });
    });
    afterAll(() => other.stop());

    it('shares the counts: failures on one process refuse attempts on the other', async () => {
      const { email } = await account();
      const address = newAddress();
      for (let i = 0; i < 10; i++) {
        const app = i % 2 === 0 ? t : other;
        expect(codeOf(await signIn(address, email, 'wrong-password', app))).toBe('UNAUTHENTICATED');
      }
      expectTooMany(await signIn(address, email, 'wrong-password', other));
      expectTooMany(await signIn(address, email, PASSWORD, t));
    });
  });
});

describe('X-Forwarded-For without TRUST_PROXY', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('is ignored: failures sent with ever-new forwarded addresses all count against the connection', async () => {
    for (let i = 0; i < 100; i++) {
      const res = await t
        .anonymous()
        .withHeaders({ 'x-forwarded-for': `198.51.100.${i}` })
        .gql(SIGN_IN, { input: { email: `guess-${i}@test.minato.example`, password: 'wrong-password' } });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
    const res = await t
      .anonymous()
      .withHeaders({ 'x-forwarded-for': '198.51.100.200' })
      .gql(SIGN_IN, { input: { email: 'guess-100@test.minato.example', password: 'wrong-password' } });
    expect(codeOf(res)).toBe('TOO_MANY_REQUESTS');
  });
});
