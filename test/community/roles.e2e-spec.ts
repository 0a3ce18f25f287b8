import { Client, TestApp, codeOf } from '../harness/harness.js';
import {
  ACCEPT, APPLY, CLOSE_ROLE, CREATE_ROLE, DECLINE, END, OPEN_ROLE, ROLE_FIELDS, WITHDRAW,
  applicant, applyInput, events, openRole, roleInput, type Staff,
} from './community.fixtures.js';

describe('community roles and applications', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
  });
  afterAll(() => t.close());

  describe('createCommunityRole', () => {
    it('creates a DRAFT role in the organization\'s region, hidden from the public', async () => {
      const { createCommunityRole: role } = await staff.ok(CREATE_ROLE, { input: roleInput(staff.organizationId) });
      expect(role).toMatchObject({
        status: 'DRAFT', seats: 5, acceptedCount: 0, startsOn: '2026-08-01', region: { id: staff.regionId },
        organization: { id: staff.organizationId }, category: 'FESTIVAL', onsite: true, hoursPerMonth: 8,
      });
      const anon = await t.anonymous().gql(`query($id: ID!) { communityRole(id: $id) { id } }`, { id: role.id });
      expect(codeOf(anon)).toBe('NOT_FOUND');
      const list = await t.anonymous().ok(`query($r: ID) { communityRoles(filter: { regionId: $r }) { edges { node { id } } } }`, { r: staff.regionId });
      expect(list.communityRoles.edges.map((e: any) => e.node.id)).not.toContain(role.id);
      const own = await staff.ok(`query($r: ID) { communityRoles(filter: { regionId: $r, statuses: [DRAFT] }) { edges { node { id } } } }`, { r: staff.regionId });
      expect(own.communityRoles.edges.map((e: any) => e.node.id)).toContain(role.id);
    });

    it('refuses the anonymous, staff of an organization without COMMUNITY_MANAGE, and bad input', async () => {
      expect(codeOf(await t.anonymous().gql(CREATE_ROLE, { input: roleInput(staff.organizationId) }))).toBe('UNAUTHENTICATED');
      const careers = await t.staff(['CAREERS_MANAGE'], staff.regionId);
      expect(codeOf(await careers.gql(CREATE_ROLE, { input: roleInput(careers.organizationId) }))).toBe('FORBIDDEN');
      expect(codeOf(await careers.gql(CREATE_ROLE, { input: roleInput(staff.organizationId) }))).toBe('FORBIDDEN');
      const candidate = await t.candidate();
      expect(codeOf(await candidate.gql(CREATE_ROLE, { input: roleInput(staff.organizationId) }))).toBe('FORBIDDEN');
      for (const [field, value] of [['seats', 0], ['hoursPerMonth', -1], ['title', '  ']] as const) {
        const res = await staff.gql(CREATE_ROLE, { input: roleInput(staff.organizationId, { [field]: value }) });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(res.errors![0].extensions)).toContain(field);
      }
      const badDay = await staff.gql(CREATE_ROLE, { input: roleInput(staff.organizationId, { startsOn: '2026-02-30' }) });
      expect(codeOf(badDay)).toBe('BAD_USER_INPUT');
    });
  });

  describe('updateCommunityRole, openCommunityRole, closeCommunityRole', () => {
    it('edits, opens and closes; closing declines what is still APPLIED and keeps the ACCEPTED', async () => {
      const { createCommunityRole: role } = await staff.ok(CREATE_ROLE, { input: roleInput(staff.organizationId, { seats: 3 }) });
      const { updateCommunityRole } = await staff.ok(
        `mutation($input: UpdateCommunityRoleInput!) { updateCommunityRole(input: $input) { ${ROLE_FIELDS} } }`,
        { input: { roleId: role.id, title: '地域防災訓練サポーター', category: 'DISASTER_PREPAREDNESS', startsOn: null } },
      );
      expect(updateCommunityRole).toMatchObject({ title: '地域防災訓練サポーター', category: 'DISASTER_PREPAREDNESS', startsOn: null, seats: 3 });

      const someone = await t.candidate();
      expect(codeOf(await someone.gql(APPLY, { input: applyInput(role.id) }))).toBe('NOT_FOUND');

      expect((await staff.ok(OPEN_ROLE, { id: role.id })).openCommunityRole.status).toBe('OPEN');
      expect(codeOf(await staff.gql(OPEN_ROLE, { id: role.id }))).toBe('CONFLICT');

      const a = await applicant(t, role.id);
      const b = await applicant(t, role.id);
      await staff.ok(ACCEPT, { id: a.applicationId });
      const { closeCommunityRole } = await staff.ok(CLOSE_ROLE, { id: role.id });
      expect(closeCommunityRole).toMatchObject({ status: 'CLOSED', acceptedCount: 1 });
      const mine = await b.client.ok(`{ myRoleApplications { id status } }`);
      expect(mine.myRoleApplications).toEqual([{ id: b.applicationId, status: 'DECLINED' }]);
      expect((await a.client.ok(`{ myRoleApplications { id status } }`)).myRoleApplications).toEqual([{ id: a.applicationId, status: 'ACCEPTED' }]);
      expect((await events(t, 'community.role-application.declined', role.id)).map((e) => e.payload.applicationId)).toEqual([b.applicationId]);

      const closed = await staff.gql(`mutation($id: ID!) { updateCommunityRole(input: { roleId: $id, title: "x" }) { id } }`, { id: role.id });
      expect(closed.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_CLOSED' });
      expect(codeOf(await staff.gql(CLOSE_ROLE, { id: role.id }))).toBe('CONFLICT');
      expect(codeOf(await someone.gql(APPLY, { input: applyInput(role.id) }))).toBe('CONFLICT');
      // CLOSED is public.
      expect((await t.anonymous().ok(`query($id: ID!) { communityRole(id: $id) { status } }`, { id: role.id })).communityRole.status).toBe('CLOSED');
    });

    it('never lowers seats below the accepted applications', async () => {
      const roleId = await openRole(staff, { seats: 3 });
      for (let i = 0; i < 2; i++) await staff.ok(ACCEPT, { id: (await applicant(t, roleId)).applicationId });
      const res = await staff.gql(`mutation($id: ID!) { updateCommunityRole(input: { roleId: $id, seats: 1 }) { id } }`, { id: roleId });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors![0].extensions)).toContain('seats');
      const ok = await staff.ok(`mutation($id: ID!) { updateCommunityRole(input: { roleId: $id, seats: 2 }) { seats acceptedCount } }`, { id: roleId });
      expect(ok.updateCommunityRole).toEqual({ seats: 2, acceptedCount: 2 });
    });

    it('refuses staff of another organization, even of the same region', async () => {
      const roleId = await openRole(staff);
      const other = await t.staff(['COMMUNITY_MANAGE'], staff.regionId);
      expect(codeOf(await other.gql(CLOSE_ROLE, { id: roleId }))).toBe('FORBIDDEN');
      expect(codeOf(await other.gql(`mutation($id: ID!) { updateCommunityRole(input: { roleId: $id, seats: 9 }) { id } }`, { id: roleId }))).toBe('FORBIDDEN');
      expect(codeOf(await staff.gql(OPEN_ROLE, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
      expect(codeOf(await staff.gql(OPEN_ROLE, { id: 'not-an-id' }))).toBe('NOT_FOUND');
    });
  });

  describe('applications', () => {
    let roleId: string;
    beforeAll(async () => {
      roleId = await openRole(staff, { seats: 2 });
    });

    it('applies once: applying again returns the live application unchanged, and myApplication shows it', async () => {
      const person = await t.candidate('鈴木');
      const first = (await person.ok(APPLY, { input: applyInput(roleId) })).applyForRole;
      expect(first).toMatchObject({ status: 'APPLIED', motivation: 'お祭りを支えたい', role: { id: roleId } });
      expect(first.applicant).toEqual({ accountId: person.accountId, displayName: '鈴木', fullName: '山田 花子', email: expect.stringContaining('@'), phone: '090-1111-2222' });
      const again = (await person.ok(APPLY, { input: applyInput(roleId, { motivation: '別の動機' }) })).applyForRole;
      expect(again).toMatchObject({ id: first.id, motivation: 'お祭りを支えたい' });
      const mine = await person.ok(`query($id: ID!) { communityRole(id: $id) { myApplication { id status } } }`, { id: roleId });
      expect(mine.communityRole.myApplication).toEqual({ id: first.id, status: 'APPLIED' });
      const anon = await t.anonymous().ok(`query($id: ID!) { communityRole(id: $id) { myApplication { id } } }`, { id: roleId });
      expect(anon.communityRole.myApplication).toBeNull();
      expect(await events(t, 'community.role-application.submitted', roleId)).toContainEqual(
        expect.objectContaining({ payload: expect.objectContaining({ applicationId: first.id, accountId: person.accountId, regionId: staff.regionId, organizationId: staff.organizationId, roleCategory: 'FESTIVAL' }) }),
      );
    });

    it('refuses the anonymous and bad input', async () => {
      expect(codeOf(await t.anonymous().gql(APPLY, { input: applyInput(roleId) }))).toBe('UNAUTHENTICATED');
      const person = await t.candidate();
      for (const [field, value] of [['fullName', ' '], ['phone', 'call me'], ['motivation', '']] as const) {
        const res = await person.gql(APPLY, { input: applyInput(roleId, { [field]: value }) });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(res.errors![0].extensions)).toContain(field);
      }
      expect(await t.sql('SELECT 1 FROM community.role_application WHERE account_id = $1', [person.accountId])).toEqual([]);
      expect(codeOf(await person.gql(APPLY, { input: applyInput('00000000-0000-4000-8000-000000000000') }))).toBe('NOT_FOUND');
    });

    it('accepts up to the seats, then ROLE_FULL; withdrawing an ACCEPTED one frees its seat', async () => {
      const role = await openRole(staff, { seats: 2 });
      const [a, b, c] = [await applicant(t, role), await applicant(t, role), await applicant(t, role)];
      const accepted = (await staff.ok(ACCEPT, { id: a.applicationId })).acceptRoleApplication;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', role: { acceptedCount: 1 } });
      await staff.ok(ACCEPT, { id: b.applicationId });
      const full = await staff.gql(ACCEPT, { id: c.applicationId });
      expect(full.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_FULL' });
      const again = await staff.gql(ACCEPT, { id: a.applicationId });
      expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_STATUS_TRANSITION' });

      const withdrawn = (await a.client.ok(WITHDRAW, { id: a.applicationId })).withdrawRoleApplication;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', role: { acceptedCount: 1 } });
      expect((await staff.ok(ACCEPT, { id: c.applicationId })).acceptRoleApplication.status).toBe('ACCEPTED');

      const acceptedEvents = await events(t, 'community.role-application.accepted', role);
      expect(acceptedEvents.map((e) => e.payload.applicationId).sort()).toEqual([a.applicationId, b.applicationId, c.applicationId].sort());
      expect(acceptedEvents[0].payload).toMatchObject({ roleId: role, regionId: staff.regionId, organizationId: staff.organizationId, roleTitle: 'みなとまつり運営ボランティア' });
      expect((await events(t, 'community.role-application.withdrawn', role))[0].payload).toMatchObject({ applicationId: a.applicationId, previousStatus: 'ACCEPTED' });
    });

    it('declines, ends and withdraws only from the states the contract allows, by whom it says', async () => {
      const role = await openRole(staff, { seats: 3 });
      const a = await applicant(t, role);
      const b = await applicant(t, role);
      const other = await t.staff(['COMMUNITY_MANAGE'], staff.regionId);
      expect(codeOf(await other.gql(ACCEPT, { id: a.applicationId }))).toBe('FORBIDDEN');
      expect(codeOf(await other.gql(DECLINE, { id: a.applicationId }))).toBe('FORBIDDEN');
      expect(codeOf(await a.client.gql(ACCEPT, { id: a.applicationId }))).toBe('FORBIDDEN');
      expect(codeOf(await b.client.gql(WITHDRAW, { id: a.applicationId }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(WITHDRAW, { id: a.applicationId }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(END, { id: a.applicationId }))).toBe('CONFLICT');

      expect((await staff.ok(DECLINE, { id: a.applicationId })).declineRoleApplication.status).toBe('DECLINED');
      expect(codeOf(await staff.gql(DECLINE, { id: a.applicationId }))).toBe('CONFLICT');
      expect(codeOf(await a.client.gql(WITHDRAW, { id: a.applicationId }))).toBe('CONFLICT');
      // Declined is not live: the person may apply again.
      const renewed = (await a.client.ok(APPLY, { input: applyInput(role) })).applyForRole;
      expect(renewed.id).not.toBe(a.applicationId);

      await staff.ok(ACCEPT, { id: b.applicationId });
      expect(codeOf(await staff.gql(DECLINE, { id: b.applicationId }))).toBe('CONFLICT');
      const ended = (await staff.ok(END, { id: b.applicationId })).endRoleApplication;
      expect(ended).toMatchObject({ status: 'ENDED', role: { acceptedCount: 0 } });
      expect((await events(t, 'community.role-application.ended', role)).map((e) => e.payload)).toEqual([
        expect.objectContaining({ applicationId: b.applicationId, accountId: b.client.accountId }),
      ]);
      expect(codeOf(await staff.gql(ACCEPT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    });

    it("shows the applicant's contact details to the applicant, the role's staff and an ADMIN only", async () => {
      const role = await openRole(staff);
      const a = await applicant(t, role, '田中');
      const list = `query($id: ID!) { roleApplications(roleId: $id) { edges { node { id applicant { accountId displayName fullName email phone } } } } }`;
      const full = { accountId: a.client.accountId, displayName: '田中', fullName: '山田 花子', email: expect.stringContaining('@'), phone: '090-1111-2222' };
      expect((await staff.ok(list, { id: role })).roleApplications.edges[0].node.applicant).toEqual(full);
      expect((await (await t.admin()).ok(list, { id: role })).roleApplications.edges[0].node.applicant).toEqual(full);
      expect((await a.client.ok(`{ myRoleApplications { applicant { fullName phone email } } }`)).myRoleApplications[0].applicant).toEqual({
        fullName: '山田 花子', phone: '090-1111-2222', email: expect.stringContaining('@'),
      });
      const other = await t.staff(['COMMUNITY_MANAGE'], staff.regionId);
      expect(codeOf(await other.gql(list, { id: role }))).toBe('FORBIDDEN');
      expect(codeOf(await a.client.gql(list, { id: role }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(list, { id: role }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('communityRoles', () => {
    let region: string;
    let s: Staff;
    beforeAll(async () => {
      s = await t.staff(['COMMUNITY_MANAGE']);
      region = s.regionId;
      await openRole(s, { title: '唐桑半島の観光ガイド', category: 'TOURISM', hoursPerMonth: 12, description: '巨釜・半造をめぐるツアー' });
      await openRole(s, { title: '漁業体験の受け入れ手伝い', category: 'FISHERIES', hoursPerMonth: 6, onsite: true, description: 'カキの養殖作業' });
      await openRole(s, { title: 'オンライン広報サポーター', category: 'CULTURE', hoursPerMonth: 4, onsite: false, description: 'ＳＮＳで発信' });
    });

    const ids = async (filter: Record<string, unknown>) =>
      (await t.anonymous().ok(`query($f: CommunityRoleFilter) { communityRoles(filter: $f) { edges { node { title } } } }`, { f: { regionId: region, ...filter } }))
        .communityRoles.edges.map((e: any) => e.node.title);

    it('filters by category, onsite, hours and Japanese text by any part of a word, full and half width alike', async () => {
      expect(await ids({})).toEqual(['オンライン広報サポーター', '漁業体験の受け入れ手伝い', '唐桑半島の観光ガイド']);
      expect(await ids({ categories: ['TOURISM', 'FISHERIES'] })).toEqual(['漁業体験の受け入れ手伝い', '唐桑半島の観光ガイド']);
      expect(await ids({ onsite: false })).toEqual(['オンライン広報サポーター']);
      expect(await ids({ maxHoursPerMonth: 6 })).toEqual(['オンライン広報サポーター', '漁業体験の受け入れ手伝い']);
      expect(await ids({ text: '観光' })).toEqual(['唐桑半島の観光ガイド']);
      expect(await ids({ text: '養殖' })).toEqual(['漁業体験の受け入れ手伝い']);
      expect(await ids({ text: 'sns' })).toEqual(['オンライン広報サポーター']);
      expect(await ids({ text: 'ｶﾞｲﾄﾞ' })).toEqual(['唐桑半島の観光ガイド']);
      expect(await ids({ text: '観光 漁業' })).toEqual([]);
    });

    it('pages newest first with cursors', async () => {
      const q = `query($f: CommunityRoleFilter, $after: String) { communityRoles(filter: $f, first: 2, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } } }`;
      const p1 = (await t.anonymous().ok(q, { f: { regionId: region } })).communityRoles;
      expect(p1.pageInfo.hasNextPage).toBe(true);
      const p2 = (await t.anonymous().ok(q, { f: { regionId: region }, after: p1.pageInfo.endCursor })).communityRoles;
      expect([...p1.edges, ...p2.edges].map((e: any) => e.node.title)).toEqual(['オンライン広報サポーター', '漁業体験の受け入れ手伝い', '唐桑半島の観光ガイド']);
      expect(p2.pageInfo.hasNextPage).toBe(false);
      expect(codeOf(await t.anonymous().gql(q, { f: {}, after: 'garbage' }))).toBe('BAD_USER_INPUT');
    });
  });
});

export type { Client };
