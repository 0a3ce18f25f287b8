import { randomUUID } from 'node:crypto';
import { TestApp } from '../harness/harness.js';
import { APPLY, REQUEST, applyInput, approvedSupporter, openRole, requestInput, type Staff } from './community.fixtures.js';

/**
 * The two one-statement commands answer every outcome themselves, including those the
 * handlers' checks usually catch first (a state that changed between the check and the
 * statement): each branch is driven here through the SQL function directly.
 */
describe('community SQL functions', () => {
  let t: TestApp;
  let staff: Staff;
  const target = (type: string, aggregateType: string) => JSON.stringify({ type, source: 'community', aggregateType, payloadVersion: 1 });
  const ACCEPTED = target('community.role-application.accepted', 'CommunityRole');
  const STARTED = target('community.mentorship.started', 'Mentorship');

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
  });
  afterAll(() => t.close());

  const accept = async (applicationId: string) =>
    (await t.sql(`SELECT * FROM community.accept_role_application($1, now(), $2, $3::jsonb)`, [applicationId, randomUUID(), ACCEPTED]))[0];
  const assign = async (mentorshipId: string, supporterId: string) =>
    (await t.sql(`SELECT * FROM community.assign_supporter($1, $2, $3, now(), $4, $5::jsonb)`, [mentorshipId, supporterId, staff.organizationId, randomUUID(), STARTED]))[0];
  const outboxCount = async () => (await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community' AND type IN ('community.role-application.accepted', 'community.mentorship.started')`))[0].n;

  it('accept_role_application: NOT_FOUND, ROLE_NOT_OPEN, ROLE_FULL, NOT_APPLIED, ACCEPTED; writes only when ACCEPTED', async () => {
    const roleId = await openRole(staff, { seats: 1 });
    const [a, b] = [await t.candidate(), await t.candidate()];
    const appA = (await a.ok(APPLY, { input: applyInput(roleId) })).applyForRole.id;
    const appB = (await b.ok(APPLY, { input: applyInput(roleId) })).applyForRole.id;
    const before = await outboxCount();

    expect(await accept(randomUUID())).toEqual({ outcome: 'NOT_FOUND', status: null });
    await t.sql(`UPDATE community.role SET status = 'CLOSED' WHERE id = $1`, [roleId]);
    expect(await accept(appA)).toEqual({ outcome: 'ROLE_NOT_OPEN', status: 'APPLIED' });
    await t.sql(`UPDATE community.role SET status = 'OPEN' WHERE id = $1`, [roleId]);
    expect(await outboxCount()).toBe(before);

    expect(await accept(appA)).toEqual({ outcome: 'ACCEPTED', status: 'ACCEPTED' });
    expect(await accept(appA)).toEqual({ outcome: 'NOT_APPLIED', status: 'ACCEPTED' });
    expect(await accept(appB)).toEqual({ outcome: 'ROLE_FULL', status: 'APPLIED' });
    expect(await outboxCount()).toBe(before + 1);
    expect((await t.sql('SELECT accepted_count, version FROM community.role WHERE id = $1', [roleId]))[0].accepted_count).toBe(1);
  });

  it('assign_supporter: NOT_FOUND, SUPPORTER_NOT_FOUND, SELF, SUPPORTER_UNAVAILABLE, SUPPORTER_FULL, NOT_REQUESTED, STARTED', async () => {
    const { supporterId } = await approvedSupporter(t, staff, 1);
    const [n1, n2] = [await t.candidate(), await t.candidate()];
    const m1 = (await n1.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
    const m2 = (await n2.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
    const before = await outboxCount();

    expect((await assign(randomUUID(), supporterId)).outcome).toBe('NOT_FOUND');
    expect((await assign(m1, randomUUID())).outcome).toBe('SUPPORTER_NOT_FOUND');
    const other = await t.staff(['COMMUNITY_MANAGE']);
    expect((await assign(m1, (await approvedSupporter(t, other, 1)).supporterId)).outcome).toBe('SUPPORTER_NOT_FOUND');
    const own = (await t.sql(
      `INSERT INTO community.supporter (id, region_id, account_id, display_name, topics, bio, max_newcomers, approved, active, created_at, updated_at, version)
       VALUES ($1, $2, $3, 'self', '{}', '', 1, true, true, now(), now(), 1) RETURNING id`,
      [randomUUID(), staff.regionId, n1.accountId],
    ))[0].id;
    expect((await assign(m1, own)).outcome).toBe('SELF');
    await t.sql('UPDATE community.supporter SET active = false WHERE id = $1', [supporterId]);
    expect(await assign(m1, supporterId)).toEqual({ outcome: 'SUPPORTER_UNAVAILABLE', status: 'REQUESTED' });
    await t.sql('UPDATE community.supporter SET active = true WHERE id = $1', [supporterId]);
    expect(await outboxCount()).toBe(before);

    expect(await assign(m1, supporterId)).toEqual({ outcome: 'STARTED', status: 'ACTIVE' });
    expect(await assign(m1, supporterId)).toEqual({ outcome: 'NOT_REQUESTED', status: 'ACTIVE' });
    expect(await assign(m2, supporterId)).toEqual({ outcome: 'SUPPORTER_FULL', status: 'REQUESTED' });
    expect(await outboxCount()).toBe(before + 1);
  });

  it('the CHECKs hold the counters within their limits whatever writes them', async () => {
    const roleId = await openRole(staff, { seats: 1 });
    await expect(t.sql('UPDATE community.role SET accepted_count = 2 WHERE id = $1', [roleId])).rejects.toThrow(/role_accepted_within_seats/);
    const { supporterId } = await approvedSupporter(t, staff, 1);
    await expect(t.sql('UPDATE community.supporter SET active_newcomers = 2 WHERE id = $1', [supporterId])).rejects.toThrow(/supporter_newcomers_within_max/);
  });
});
