import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { TestApp } from '../harness/harness.js';
import { APPLY, PUBLISH_GUIDE, REQUEST, SET_TEMPLATE, START, WRITE_GUIDE, applyInput, openRole, requestInput, type Staff } from './community.fixtures.js';

/** Every community connection counts only when the client selects totalCount. */
describe('community connections', () => {
  let t: TestApp;
  let staff: Staff;
  let roleId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
    roleId = await openRole(staff);
    await openRole(staff, { title: '地域防災訓練サポーター' });
    await staff.ok(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: [{ key: 'a', title: 'A', description: '' }] } });
    for (let i = 0; i < 3; i++) {
      const person = await t.candidate();
      await person.ok(APPLY, { input: applyInput(roleId) });
      await person.ok(REQUEST, { input: requestInput(staff.regionId) });
      await person.ok(START, { r: staff.regionId });
    }
    for (const title of ['ごみ', '防災']) {
      const id = (await staff.ok(WRITE_GUIDE, { input: { regionId: staff.regionId, category: 'x', title, body: 'y' } })).writeGuide.id;
      await staff.ok(PUBLISH_GUIDE, { id });
    }
  });
  afterAll(() => t.close());

  it('communityRoles', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID) { communityRoles(filter: { regionId: $r }, first: 1) { ${s} } }`, { r: staff.regionId }, (d) => d.communityRoles, 2,
    );
  });

  it('roleApplications', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($id: ID!) { roleApplications(roleId: $id, first: 2) { ${s} } }`, { id: roleId }, (d) => d.roleApplications, 3,
    );
  });

  it('mentorships', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($r: ID!) { mentorships(regionId: $r, first: 2) { ${s} } }`, { r: staff.regionId }, (d) => d.mentorships, 3,
    );
  });

  it('onboardingPlans', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($r: ID!) { onboardingPlans(regionId: $r, first: 2) { ${s} } }`, { r: staff.regionId }, (d) => d.onboardingPlans, 3,
    );
  });

  it('guides', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID) { guides(filter: { regionId: $r }, first: 1) { ${s} } }`, { r: staff.regionId }, (d) => d.guides, 2,
    );
  });

  it('pages oldest first for applications and mentorships, without gaps or repeats', async () => {
    const q = `query($id: ID!, $after: String) { roleApplications(roleId: $id, first: 2, after: $after) { edges { node { id createdAt } } pageInfo { hasNextPage endCursor } } }`;
    const p1 = (await staff.ok(q, { id: roleId })).roleApplications;
    const p2 = (await staff.ok(q, { id: roleId, after: p1.pageInfo.endCursor })).roleApplications;
    const all = [...p1.edges, ...p2.edges].map((e: any) => e.node);
    expect(new Set(all.map((n: any) => n.id)).size).toBe(3);
    expect(all.map((n: any) => n.createdAt)).toEqual([...all.map((n: any) => n.createdAt)].sort());
    expect(p2.pageInfo.hasNextPage).toBe(false);
  });
});
