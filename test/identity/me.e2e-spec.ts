import { TestApp } from '../harness/harness.js';

/** `me` answers from the caller loaded with the token: one statement for the whole request. */
describe('me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers a staff member with their memberships, in the one query that checked the token', async () => {
    const staff = await t.staff(['EVENTS_MANAGE']);
    const { result, statements } = await t.recordSql(() =>
      staff.ok(`{ me { id email displayName kind createdAt memberships { role organization { id } } } }`),
    );
    expect(result.me).toEqual({
      id: staff.accountId,
      email: expect.stringMatching(/@test\.minato\.example$/),
      displayName: 'スタッフ',
      kind: 'STAFF',
      createdAt: expect.any(String),
      memberships: [{ role: 'OWNER', organization: { id: staff.organizationId } }],
    });
    // One for the caller; the organization of the membership is the only other read.
    expect(statements.filter((s) => /identity\.account\b/.test(s))).toHaveLength(1);
    const [{ created_at }] = await t.sql(`SELECT created_at FROM identity.account WHERE id = $1`, [staff.accountId]);
    expect(new Date(result.me.createdAt).getTime()).toBe(new Date(created_at).getTime());
  });

  it('is null for the anonymous', async () => {
    expect((await t.anonymous().ok(`{ me { id } }`)).me).toBeNull();
  });
});
