import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { ADMIN_EMAIL, PASSWORD, TestApp, codeOf } from '../harness/harness.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id email displayName kind memberships { role } createdAt } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { token account { id email kind } } }`;
const ME = `{ me { id email displayName kind memberships { role organization { id name capabilities region { id code } } } } }`;
const CREATE_REGION = `mutation($input: CreateRegionInput!) { createRegion(input: $input) { id code name prefecture } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name capabilities region { id code } } }`;
const CREATE_STAFF = `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id email kind memberships { role organization { id } } } }`;

describe('identity through GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  describe('signUp and signIn', () => {
    it('signs up a candidate, who then sees themself through me', async () => {
      const res = await t.anonymous().gql(SIGN_UP, {
        input: { email: 'Hanako.Sato@Example.jp', password: 'long-enough-pw', displayName: '佐藤 花子' },
      });
      expect(res.errors).toBeUndefined();
      const { token, account } = res.data!.signUp;
      expect(account).toMatchObject({ email: 'hanako.sato@example.jp', displayName: '佐藤 花子', kind: 'CANDIDATE', memberships: [] });
      expect(new Date(account.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      const me = await t.as(token).ok(ME);
      expect(me.me).toMatchObject({ id: account.id, email: 'hanako.sato@example.jp', kind: 'CANDIDATE' });
    });

    it('answers me with null for an anonymous caller', async () => {
      expect(await t.anonymous().ok(ME)).toEqual({ me: null });
    });

    it('signs in with the right password, whatever the email case', async () => {
      await t.anonymous().ok(SIGN_UP, { input: { email: 'taro@example.jp', password: 'taro-password-1', displayName: '太郎' } });
      const res = await t.anonymous().ok(SIGN_IN, { input: { email: 'TARO@example.jp', password: 'taro-password-1' } });
      expect(res.signIn.account).toMatchObject({ email: 'taro@example.jp', kind: 'CANDIDATE' });
      expect((await t.as(res.signIn.token).ok(ME)).me.email).toBe('taro@example.jp');
    });

    it('answers a wrong password and an unknown email with the same UNAUTHENTICATED', async () => {
      const wrongPassword = await t.anonymous().gql(SIGN_IN, { input: { email: 'taro@example.jp', password: 'not-his-password' } });
      const unknownEmail = await t.anonymous().gql(SIGN_IN, { input: { email: 'nobody@example.jp', password: 'not-his-password' } });
      expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
      expect(codeOf(unknownEmail)).toBe('UNAUTHENTICATED');
      expect(wrongPassword.errors![0].message).toBe(unknownEmail.errors![0].message);
      expect(wrongPassword.data).toBeNull();
    });

    it('refuses an invalid email and a short password with BAD_USER_INPUT naming the fields', async () => {
      const res = await t.anonymous().gql(SIGN_UP, { input: { email: 'not-an-email', password: 'short', displayName: 'x' } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const fields = res.errors![0].extensions.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
      const rows = await t.sql(`SELECT 1 FROM identity.account WHERE email = 'not-an-email'`);
      expect(rows).toHaveLength(0);
    });

    it('refuses a duplicate email with CONFLICT EMAIL_TAKEN, case-insensitively', async () => {
      const input = { email: 'dup@example.jp', password: 'long-enough-pw', displayName: '一人目' };
      await t.anonymous().ok(SIGN_UP, { input });
      const again = await t.anonymous().gql(SIGN_UP, { input: { ...input, email: 'DUP@example.jp', displayName: '二人目' } });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors![0].extensions.reason).toBe('EMAIL_TAKEN');
      expect(await t.sql(`SELECT display_name FROM identity.account WHERE email = 'dup@example.jp'`)).toEqual([{ display_name: '一人目' }]);
    });

    it('lets exactly one of many concurrent sign-ups with one email through', async () => {
      const input = { email: 'race@example.jp', password: 'long-enough-pw', displayName: 'race' };
      const results = await Promise.all(Array.from({ length: 20 }, () => t.anonymous().gql(SIGN_UP, { input })));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(19);
      expect(await t.sql(`SELECT count(*)::int AS n FROM identity.account WHERE email = 'race@example.jp'`)).toEqual([{ n: 1 }]);
    });

    it('stores an argon2id hash, never the password', async () => {
      const [row] = await t.sql(`SELECT password_hash FROM identity.account WHERE email = 'taro@example.jp'`);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain('taro-password-1');
    });

    it('refuses an expired token and one signed with another secret', async () => {
      const [{ id }] = await t.sql(`SELECT id FROM identity.account WHERE email = 'taro@example.jp'`);
      const secret = 'test-secret-that-is-long-enough-0123456789';
      const claims = { gen: 0 };
      const jwtid = randomUUID();
      const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret, { algorithm: 'HS256', subject: id, issuer: 'minato', jwtid });
      const forged = jwt.sign(claims, 'another-secret-another-secret-0123456789', { algorithm: 'HS256', subject: id, issuer: 'minato', expiresIn: 600, jwtid });
      const valid = jwt.sign(claims, secret, { algorithm: 'HS256', subject: id, issuer: 'minato', expiresIn: 600, jwtid });
      expect(codeOf(await t.as(expired).gql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.as(forged).gql(ME))).toBe('UNAUTHENTICATED');
      expect((await t.as(valid).ok(ME)).me.email).toBe('taro@example.jp');
    });

    it('refuses a bad token with UNAUTHENTICATED, even on a public query', async () => {
      for (const token of ['garbage', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl']) {
        const res = await t.as(token).gql(`{ regions { id } }`);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
      }
    });
  });

  describe('regions and organizations', () => {
    it('lets an ADMIN create a region and organizations, listed publicly', async () => {
      const admin = await t.admin();
      const region = (await admin.ok(CREATE_REGION, { input: { code: 'ofunato', name: '大船渡市', prefecture: '岩手県' } })).createRegion;
      expect(region).toMatchObject({ code: 'ofunato', name: '大船渡市', prefecture: '岩手県' });
      const org = (
        await admin.ok(CREATE_ORG, { input: { regionId: region.id, name: '大船渡商工会議所', capabilities: ['EVENTS_MANAGE', 'CAREERS_MANAGE'] } })
      ).createOrganization;
      expect(org).toMatchObject({ name: '大船渡商工会議所', region: { id: region.id, code: 'ofunato' } });
      expect(org.capabilities.sort()).toEqual(['CAREERS_MANAGE', 'EVENTS_MANAGE']);

      const anon = t.anonymous();
      const regions = (await anon.ok(`{ regions { id code } }`)).regions;
      expect(regions).toContainEqual({ id: region.id, code: 'ofunato' });
      const orgs = (await anon.ok(`query($r: ID) { organizations(regionId: $r) { id name region { code } } }`, { r: region.id })).organizations;
      expect(orgs).toEqual([{ id: org.id, name: '大船渡商工会議所', region: { code: 'ofunato' } }]);
    });

    it('refuses a non-admin creating a region: FORBIDDEN signed in, UNAUTHENTICATED anonymous', async () => {
      const input = { code: 'rikuzentakata', name: '陸前高田市', prefecture: '岩手県' };
      const candidate = await t.candidate();
      expect(codeOf(await candidate.gql(CREATE_REGION, { input }))).toBe('FORBIDDEN');
      const staff = await t.staff(['EVENTS_MANAGE']);
      expect(codeOf(await staff.gql(CREATE_REGION, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(CREATE_REGION, { input }))).toBe('UNAUTHENTICATED');
      expect(await t.sql(`SELECT 1 FROM identity.region WHERE code = 'rikuzentakata'`)).toHaveLength(0);
    });

    it('refuses a non-admin creating an organization', async () => {
      const region = await t.region();
      const candidate = await t.candidate();
      const res = await candidate.gql(CREATE_ORG, { input: { regionId: region.id, name: 'x', capabilities: [] } });
      expect(codeOf(res)).toBe('FORBIDDEN');
    });

    it('answers a duplicate region code with CONFLICT and an unknown region with NOT_FOUND', async () => {
      const admin = await t.admin();
      const input = { code: 'minamisanriku', name: '南三陸町', prefecture: '宮城県' };
      await admin.ok(CREATE_REGION, { input });
      const again = await admin.gql(CREATE_REGION, { input });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors![0].extensions.reason).toBe('REGION_CODE_TAKEN');
      const missing = await admin.gql(CREATE_ORG, {
        input: { regionId: '00000000-0000-4000-8000-000000000000', name: 'x', capabilities: [] },
      });
      expect(codeOf(missing)).toBe('NOT_FOUND');
    });

    it('refuses a region code that is not a slug, naming the field', async () => {
      const admin = await t.admin();
      const res = await admin.gql(CREATE_REGION, { input: { code: 'Not A Slug', name: '町', prefecture: '宮城県' } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'code' })]);
    });

    it('refuses an unknown capability as BAD_USER_INPUT', async () => {
      const admin = await t.admin();
      const region = await t.region();
      const res = await admin.gql(CREATE_ORG, { input: { regionId: region.id, name: 'x', capabilities: ['FLY'] } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.fields[0].field).toMatch(/^capabilities/);
    });
  });

  describe('createStaffAccount', () => {
    it('lets an ADMIN add staff, who signs in and sees the organization and capabilities', async () => {
      const admin = await t.admin();
      const region = await t.region();
      const org = await t.organization(region.id, ['CAREERS_MANAGE']);
      const staff = (
        await admin.ok(CREATE_STAFF, {
          input: { organizationId: org.id, email: 'owner@biz.example.jp', password: PASSWORD, displayName: '栗原', role: 'OWNER' },
        })
      ).createStaffAccount;
      expect(staff).toMatchObject({ email: 'owner@biz.example.jp', kind: 'STAFF', memberships: [{ role: 'OWNER', organization: { id: org.id } }] });
      const me = (await (await t.signIn('owner@biz.example.jp')).ok(ME)).me;
      expect(me.memberships[0].organization).toMatchObject({ id: org.id, capabilities: ['CAREERS_MANAGE'], region: { id: region.id } });
    });

    it('lets an OWNER add members to their own organization only', async () => {
      const owner = await t.staff(['EVENTS_MANAGE']);
      const input = { organizationId: owner.organizationId, email: 'member@org.example.jp', password: PASSWORD, displayName: '山田', role: 'MEMBER' };
      const added = await owner.ok(CREATE_STAFF, { input });
      expect(added.createStaffAccount.memberships).toEqual([{ role: 'MEMBER', organization: { id: owner.organizationId } }]);

      const member = await t.signIn('member@org.example.jp');
      const byMember = await member.gql(CREATE_STAFF, { input: { ...input, email: 'other@org.example.jp' } });
      expect(codeOf(byMember)).toBe('FORBIDDEN');

      const otherOrg = await t.organization(owner.regionId, ['EVENTS_MANAGE']);
      const elsewhere = await owner.gql(CREATE_STAFF, { input: { ...input, organizationId: otherOrg.id, email: 'x@org.example.jp' } });
      expect(codeOf(elsewhere)).toBe('FORBIDDEN');
      const candidate = await t.candidate();
      expect(codeOf(await candidate.gql(CREATE_STAFF, { input: { ...input, email: 'y@org.example.jp' } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(CREATE_STAFF, { input: { ...input, email: 'z@org.example.jp' } }))).toBe('UNAUTHENTICATED');
    });

    it('refuses a duplicate email, an invalid email and a short password', async () => {
      const owner = await t.staff(['EVENTS_MANAGE']);
      const base = { organizationId: owner.organizationId, password: PASSWORD, displayName: '田中', role: 'MEMBER' };
      const dup = await owner.gql(CREATE_STAFF, { input: { ...base, email: ADMIN_EMAIL } });
      expect(codeOf(dup)).toBe('CONFLICT');
      expect(dup.errors![0].extensions.reason).toBe('EMAIL_TAKEN');
      const bad = await owner.gql(CREATE_STAFF, { input: { ...base, email: 'nope', password: 'short' } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'password']);
    });
  });

  it('keeps GraphQL\'s own code for a malformed query, without a stack trace', async () => {
    const res = await t.anonymous().gql(`{ regions { id } }`);
    expect(res.errors).toBeUndefined();
    // A malformed query is the client's fault and keeps GraphQL's own code.
    const parse = await t.anonymous().gql(`{ regions { id `);
    expect(codeOf(parse)).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(parse.errors)).not.toMatch(/stacktrace|at .*\.js/);
  });
});
