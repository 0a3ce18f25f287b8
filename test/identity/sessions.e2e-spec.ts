import { IdentityHousekeeping } from '../../src/modules/identity/infrastructure/identity.housekeeping.js';
import { PASSWORD, TestApp, codeOf, type Client } from '../harness/harness.js';

const ME = `{ me { id email } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token account { id } } }`;
const SIGN_OUT = `mutation { signOut }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token account { id email } } }`;
const NEW_PASSWORD = 'a-brand-new-password';

/** Contract 15: sessions that can be ended, and passwords that can be changed. */
describe('signOut and changePassword', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const emailOf = async (c: Client) => (await c.ok<{ me: { email: string } }>(ME)).me.email;
  const signIn = (email: string, password: string) => t.anonymous().gql(SIGN_IN, { input: { email, password } });

  describe('signOut', () => {
    it('revokes the token it is called with; another session of the account keeps working', async () => {
      const first = await t.candidate();
      const email = await emailOf(first);
      const second = await t.signIn(email);

      expect(await first.ok(SIGN_OUT)).toEqual({ signOut: true });
      const after = await first.gql(ME);
      expect(codeOf(after)).toBe('UNAUTHENTICATED');
      expect(after.data?.me ?? null).toBeNull();
      // Everywhere, also on a public query and for signing out again.
      expect(codeOf(await first.gql(`{ regions { id } }`))).toBe('UNAUTHENTICATED');
      expect(codeOf(await first.gql(SIGN_OUT))).toBe('UNAUTHENTICATED');
      expect(await emailOf(second)).toBe(email);
      // Signing in again gives a working token.
      expect(codeOf(await (await t.signIn(email)).gql(ME))).toBeUndefined();
    });

    it('needs a signed-in caller', async () => {
      expect(codeOf(await t.anonymous().gql(SIGN_OUT))).toBe('UNAUTHENTICATED');
    });

    it('keeps a revocation only until the token would have expired anyway', async () => {
      const c = await t.candidate();
      await c.ok(SIGN_OUT);
      const [row] = await t.sql<{ expires_at: Date }>(`SELECT expires_at FROM identity.revoked_token WHERE account_id = $1`, [c.accountId]);
      // The harness's tokens live 12 hours (JWT_TTL_SECONDS' default).
      expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
      // Housekeeping leaves it while it matters, and deletes it after.
      const housekeeping = t.app.get(IdentityHousekeeping);
      await housekeeping.purgeExpired(new Date(row.expires_at.getTime() - 1000));
      expect(await t.sql(`SELECT 1 FROM identity.revoked_token WHERE account_id = $1`, [c.accountId])).toHaveLength(1);
      await housekeeping.purgeExpired(new Date(row.expires_at.getTime() + 1000));
      expect(await t.sql(`SELECT 1 FROM identity.revoked_token WHERE account_id = $1`, [c.accountId])).toHaveLength(0);
    });
  });

  describe('changePassword', () => {
    it('returns a working token; the old password and every older token stop working, the new password works', async () => {
      const first = await t.candidate();
      const email = await emailOf(first);
      const other = await t.signIn(email);

      const res = await first.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
      expect(res.errors).toBeUndefined();
      const { token, account } = res.data!.changePassword;
      expect(account).toEqual({ id: first.accountId, email });
      expect(await emailOf(t.as(token))).toBe(email);

      // Other sessions' tokens, and the one the change was made with, are refused.
      expect(codeOf(await other.gql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await first.gql(ME))).toBe('UNAUTHENTICATED');

      expect(codeOf(await signIn(email, PASSWORD))).toBe('UNAUTHENTICATED');
      const again = await signIn(email, NEW_PASSWORD);
      expect(again.errors).toBeUndefined();
      expect(await emailOf(t.as(again.data!.signIn.token))).toBe(email);
      // The fresh token of the change still works next to the new sign-in's.
      expect(await emailOf(t.as(token))).toBe(email);
    });

    it('answers a wrong current password with BAD_USER_INPUT naming currentPassword, and changes nothing', async () => {
      const c = await t.candidate();
      const res = await c.gql(CHANGE_PASSWORD, { input: { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
      // Not read as an expired session: the token still works, and so does the old password.
      expect(codeOf(await c.gql(ME))).toBeUndefined();
      expect(codeOf(await signIn(await emailOf(c), PASSWORD))).toBeUndefined();
    });

    it('refuses a new password shorter than 10 characters with BAD_USER_INPUT naming newPassword', async () => {
      const c = await t.candidate();
      const res = await c.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: 'short' } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(['newPassword']);
      expect(codeOf(await c.gql(ME))).toBeUndefined();
      expect(codeOf(await signIn(await emailOf(c), PASSWORD))).toBeUndefined();
    });

    it('needs a signed-in caller', async () => {
      const res = await t.anonymous().gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    });

    it('lets one of two concurrent changes win; the other gets CONFLICT or a refused token, never both applied', async () => {
      const c = await t.candidate();
      const email = await emailOf(c);
      const [a, b] = await Promise.all(
        ['first-new-password', 'second-new-password'].map((newPassword) =>
          c.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword } }),
        ),
      );
      const won = [a, b].filter((r) => !r.errors);
      expect(won.length).toBeGreaterThanOrEqual(1);
      const passwords = ['first-new-password', 'second-new-password'];
      const working = [];
      for (const p of passwords) if (!(await signIn(email, p)).errors) working.push(p);
      expect(working).toHaveLength(1);
      for (const loser of [a, b].filter((r) => r.errors)) expect(['CONFLICT', 'UNAUTHENTICATED', 'BAD_USER_INPUT']).toContain(codeOf(loser));
    });
  });

  describe('on two processes over one database', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await TestApp.start({ database: t.database });
    });
    afterAll(() => other.stop());

    it('a token revoked on one process is refused on the other at once', async () => {
      const c = await t.candidate();
      expect(codeOf(await other.as(c.token!).gql(ME))).toBeUndefined();
      await c.ok(SIGN_OUT);
      expect(codeOf(await other.as(c.token!).gql(ME))).toBe('UNAUTHENTICATED');
    });

    it('a password changed on one process refuses older tokens on the other at once', async () => {
      const c = await t.candidate();
      const res = await c.ok<{ changePassword: { token: string } }>(CHANGE_PASSWORD, {
        input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(codeOf(await other.as(c.token!).gql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await other.as(res.changePassword.token).gql(ME))).toBeUndefined();
    });
  });
});
