import { TestApp, codeOf } from '../harness/harness.js';
import { ACCEPT, APPLY, ASSIGN, END, END_MENTORSHIP, REQUEST, WITHDRAW, applyInput, approvedSupporter, events, openRole, requestInput, type Staff } from './community.fixtures.js';

/** What the database decides when many requests race for the last seat or place. */
describe('community races', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
  });
  afterAll(() => t.close());

  it('100 concurrent acceptances for a role of 5 seats: exactly 5 ACCEPTED, the rest ROLE_FULL, one event each', async () => {
    const roleId = await openRole(staff, { seats: 5 });
    const people = await Promise.all(Array.from({ length: 100 }, () => t.candidate()));
    const applications: string[] = [];
    for (const person of people) applications.push((await person.ok(APPLY, { input: applyInput(roleId) })).applyForRole.id);

    const results = await Promise.all(applications.map((id) => staff.gql(ACCEPT, { id })));
    const accepted = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(95);
    for (const r of refused) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_FULL' });

    const rows = await t.sql(`SELECT status, count(*)::int AS n FROM community.role_application WHERE role_id = $1 GROUP BY status ORDER BY status`, [roleId]);
    expect(rows).toEqual([{ status: 'ACCEPTED', n: 5 }, { status: 'APPLIED', n: 95 }]);
    const role = await t.anonymous().ok(`query($id: ID!) { communityRole(id: $id) { acceptedCount seats } }`, { id: roleId });
    expect(role.communityRole).toEqual({ acceptedCount: 5, seats: 5 });
    const acceptedEvents = await events(t, 'community.role-application.accepted', roleId);
    expect(acceptedEvents.map((e) => e.payload.applicationId).sort()).toEqual(accepted.map((r) => r.data!.acceptRoleApplication.id).sort());
  });

  it('the same application accepted 50 times at once: accepted once, one event', async () => {
    const roleId = await openRole(staff, { seats: 10 });
    const person = await t.candidate();
    const id = (await person.ok(APPLY, { input: applyInput(roleId) })).applyForRole.id;
    const results = await Promise.all(Array.from({ length: 50 }, () => staff.gql(ACCEPT, { id })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATUS_TRANSITION' });
    expect(await events(t, 'community.role-application.accepted', roleId)).toHaveLength(1);
    expect((await t.sql('SELECT accepted_count FROM community.role WHERE id = $1', [roleId]))[0].accepted_count).toBe(1);
  });

  it('one person applying 100 times at once: one live application, every answer the same one, one event', async () => {
    const roleId = await openRole(staff);
    const person = await t.candidate();
    const results = await Promise.all(Array.from({ length: 100 }, () => person.gql(APPLY, { input: applyInput(roleId) })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.data!.applyForRole.id));
    expect(ids.size).toBe(1);
    expect(await t.sql('SELECT id FROM community.role_application WHERE role_id = $1', [roleId])).toEqual([{ id: [...ids][0] }]);
    expect(await events(t, 'community.role-application.submitted', roleId)).toHaveLength(1);
  });

  it('50 concurrent assignments to a supporter of limit 3: exactly 3 ACTIVE, the rest SUPPORTER_FULL and still REQUESTED', async () => {
    const { supporterId } = await approvedSupporter(t, staff, 3);
    const newcomers = await Promise.all(Array.from({ length: 50 }, () => t.candidate()));
    const mentorships: string[] = [];
    for (const n of newcomers) mentorships.push((await n.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id);

    const results = await Promise.all(mentorships.map((m) => staff.gql(ASSIGN, { m, s: supporterId })));
    const started = results.filter((r) => !r.errors);
    expect(started).toHaveLength(3);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUPPORTER_FULL' });
    const rows = await t.sql(`SELECT status, count(*)::int AS n FROM community.mentorship WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status`, [mentorships]);
    expect(rows).toEqual([{ status: 'ACTIVE', n: 3 }, { status: 'REQUESTED', n: 47 }]);
    const supporter = (await t.sql('SELECT active_newcomers FROM community.supporter WHERE id = $1', [supporterId]))[0];
    expect(supporter.active_newcomers).toBe(3);
    const startedEvents = (await events(t, 'community.mentorship.started')).filter((e) => e.payload.supporterId === supporterId);
    expect(startedEvents.map((e) => e.payload.mentorshipId).sort()).toEqual(started.map((r) => r.data!.assignSupporter.id).sort());
  });

  it('acceptances racing withdrawals, endings and a seats change: the counter always equals the ACCEPTED rows, never beyond seats', async () => {
    const roleId = await openRole(staff, { seats: 10 });
    const people = await Promise.all(Array.from({ length: 160 }, () => t.candidate()));
    const apps: Array<{ client: (typeof people)[number]; id: string }> = [];
    for (const person of people) apps.push({ client: person, id: (await person.ok(APPLY, { input: applyInput(roleId) })).applyForRole.id });
    // Ten already hold a seat: five of them withdraw and five are ended while 150 others are being accepted.
    const holders = apps.slice(0, 10);
    for (const h of holders) await staff.ok(ACCEPT, { id: h.id });
    const others = apps.slice(10);
    const results = await Promise.all([
      ...others.map((a) => staff.gql(ACCEPT, { id: a.id })),
      ...holders.slice(0, 5).map((h) => h.client.gql(WITHDRAW, { id: h.id })),
      ...holders.slice(5).map((h) => staff.gql(END, { id: h.id })),
      staff.gql(`mutation($id: ID!) { updateCommunityRole(input: { roleId: $id, seats: 12 }) { id } }`, { id: roleId }),
    ]);
    // Withdrawals, endings and the seats change all succeed; an acceptance either takes a seat or is ROLE_FULL.
    expect(results.slice(others.length).filter((r) => r.errors)).toEqual([]);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_FULL' });
    const accepted = results.slice(0, others.length).filter((r) => !r.errors).length;
    const [row] = await t.sql(
      `SELECT r.seats, r.accepted_count, (SELECT count(*)::int FROM community.role_application a WHERE a.role_id = r.id AND a.status = 'ACCEPTED') AS rows
         FROM community.role r WHERE r.id = $1`,
      [roleId],
    );
    expect(row.seats).toBe(12);
    expect(row.accepted_count).toBe(row.rows);
    // The ten holders are all gone, so the ACCEPTED rows are exactly the burst's acceptances
    // (how many depends on which ran first; never more than the seats).
    expect(row.rows).toBe(accepted);
    expect(accepted).toBeLessThanOrEqual(12);
  });

  it("mentorships ended while others are assigned: the supporter's count equals the ACTIVE rows, never beyond the limit", async () => {
    const { supporterId } = await approvedSupporter(t, staff, 3);
    const newcomers = await Promise.all(Array.from({ length: 43 }, () => t.candidate()));
    const ms: string[] = [];
    for (const n of newcomers) ms.push((await n.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id);
    for (const m of ms.slice(0, 3)) await staff.ok(ASSIGN, { m, s: supporterId });
    const results = await Promise.all([
      ...ms.slice(3).map((m) => staff.gql(ASSIGN, { m, s: supporterId })),
      ...newcomers.slice(0, 3).map((n, i) => n.gql(END_MENTORSHIP, { id: ms[i] })),
    ]);
    expect(results.slice(40).filter((r) => r.errors)).toEqual([]);
    for (const r of results.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUPPORTER_FULL' });
    const started = results.slice(0, 40).filter((r) => !r.errors).length;
    const [row] = await t.sql(
      `SELECT s.active_newcomers, (SELECT count(*)::int FROM community.mentorship m WHERE m.supporter_id = s.id AND m.status = 'ACTIVE') AS rows
         FROM community.supporter s WHERE s.id = $1`,
      [supporterId],
    );
    expect(row.active_newcomers).toBe(row.rows);
    // The first three all ended, so the ACTIVE rows are exactly the burst's assignments, at most 3.
    expect(row.rows).toBe(started);
    expect(started).toBeLessThanOrEqual(3);
  });

  it('one newcomer requesting a mentorship 50 times at once: one REQUESTED mentorship', async () => {
    const newcomer = await t.candidate();
    const results = await Promise.all(Array.from({ length: 50 }, () => newcomer.gql(REQUEST, { input: requestInput(staff.regionId) })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data!.requestMentorship.id)).size).toBe(1);
    expect(await t.sql('SELECT id FROM community.mentorship WHERE account_id = $1', [newcomer.accountId])).toHaveLength(1);
    expect(codeOf(results[0])).toBeUndefined();
  });
});
