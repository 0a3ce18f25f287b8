import { TestApp, codeOf, type Client } from '../harness/harness.js';
import {
  APPROVE, ASSIGN, DECLINE_MENTORSHIP, END_MENTORSHIP, MENTORSHIP_FIELDS, MY_MENTORSHIPS, REQUEST, SUPPORTER_FIELDS,
  UPDATE_SUPPORTER, VOLUNTEER, approvedSupporter, events, requestInput, type Staff,
} from './community.fixtures.js';

describe('community supporters and mentorships', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
  });
  afterAll(() => t.close());

  const listed = async (regionId: string) =>
    (await t.anonymous().ok(`query($r: ID!) { supporters(regionId: $r) { id } }`, { r: regionId })).supporters.map((s: any) => s.id);

  describe('supporters', () => {
    it('a volunteer is invisible until approved, then listed; volunteering again returns it unchanged', async () => {
      const person = await t.candidate('小野寺');
      const { volunteerAsSupporter: s } = await person.ok(VOLUNTEER, {
        input: { regionId: staff.regionId, topics: [' 子育て ', '漁業', '子育て', ''], bio: '移住して10年', maxNewcomers: 2 },
      });
      expect(s).toMatchObject({ accountId: person.accountId, displayName: '小野寺', topics: ['子育て', '漁業'], approved: false, active: true, activeNewcomers: 0, maxNewcomers: 2, region: { id: staff.regionId } });
      expect(await listed(staff.regionId)).not.toContain(s.id);
      const all = await staff.ok(`query($r: ID!) { regionSupporters(regionId: $r) { id approved } }`, { r: staff.regionId });
      expect(all.regionSupporters).toContainEqual({ id: s.id, approved: false });
      const again = (await person.ok(VOLUNTEER, { input: { regionId: staff.regionId, topics: ['別'], bio: 'x', maxNewcomers: 5 } })).volunteerAsSupporter;
      expect(again).toMatchObject({ id: s.id, topics: ['子育て', '漁業'], maxNewcomers: 2 });

      // Not approved: cannot be assigned either.
      const newcomer = await t.candidate();
      const m = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
      const unapproved = await staff.gql(ASSIGN, { m, s: s.id });
      expect(unapproved.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUPPORTER_UNAVAILABLE' });

      expect((await staff.ok(APPROVE, { id: s.id })).approveSupporter.approved).toBe(true);
      expect(await listed(staff.regionId)).toContain(s.id);
      // A supporter shows no contact details to anyone: the type has no such fields.
      const fields = await t.anonymous().ok(`{ __type(name: "Supporter") { fields { name } } }`);
      expect(fields.__type.fields.map((f: any) => f.name)).not.toEqual(expect.arrayContaining(['email']));
      expect(fields.__type.fields.map((f: any) => f.name)).not.toContain('phone');
    });

    it('refuses volunteering anonymously, into a missing region, with bad input; approval by others', async () => {
      const input = { regionId: staff.regionId, topics: [], bio: '', maxNewcomers: 1 };
      expect(codeOf(await t.anonymous().gql(VOLUNTEER, { input }))).toBe('UNAUTHENTICATED');
      const person = await t.candidate();
      expect(codeOf(await person.gql(VOLUNTEER, { input: { ...input, regionId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
      const bad = await person.gql(VOLUNTEER, { input: { ...input, maxNewcomers: 0 } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(bad.errors![0].extensions)).toContain('maxNewcomers');
      const { volunteerAsSupporter: s } = await person.ok(VOLUNTEER, { input });
      expect(codeOf(await person.gql(APPROVE, { id: s.id }))).toBe('FORBIDDEN');
      const elsewhere = await t.staff(['COMMUNITY_MANAGE']);
      expect(codeOf(await elsewhere.gql(APPROVE, { id: s.id }))).toBe('FORBIDDEN');
      expect(codeOf(await elsewhere.gql(`query($r: ID!) { regionSupporters(regionId: $r) { id } }`, { r: staff.regionId }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(`query($r: ID!) { regionSupporters(regionId: $r) { id } }`, { r: staff.regionId }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(APPROVE, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    });

    it('the supporter or staff edit and deactivate it; never below the newcomers it has', async () => {
      const { client, supporterId } = await approvedSupporter(t, staff, 2);
      const edited = (await client.ok(UPDATE_SUPPORTER, { input: { supporterId, topics: ['祭り'], bio: '唐桑の漁師の家です' } })).updateSupporter;
      expect(edited).toMatchObject({ topics: ['祭り'], bio: '唐桑の漁師の家です', approved: true });
      const stranger = await t.candidate();
      expect(codeOf(await stranger.gql(UPDATE_SUPPORTER, { input: { supporterId, bio: 'x' } }))).toBe('FORBIDDEN');

      const n1 = await t.candidate();
      const m1 = (await n1.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
      await staff.ok(ASSIGN, { m: m1, s: supporterId });
      const n2 = await t.candidate();
      const m2 = (await n2.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
      await staff.ok(ASSIGN, { m: m2, s: supporterId });
      const below = await client.gql(UPDATE_SUPPORTER, { input: { supporterId, maxNewcomers: 1 } });
      expect(codeOf(below)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(below.errors![0].extensions)).toContain('maxNewcomers');

      const off = (await staff.ok(UPDATE_SUPPORTER, { input: { supporterId, active: false } })).updateSupporter;
      expect(off.active).toBe(false);
      expect(await listed(staff.regionId)).not.toContain(supporterId);
      await staff.ok(END_MENTORSHIP, { id: m1 });
      const n3 = await t.candidate();
      const m3 = (await n3.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
      const inactive = await staff.gql(ASSIGN, { m: m3, s: supporterId });
      expect(inactive.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SUPPORTER_UNAVAILABLE' });
      // Staff's deactivation holds: the supporter cannot undo it; staff can.
      expect(codeOf(await client.gql(UPDATE_SUPPORTER, { input: { supporterId, active: true } }))).toBe('FORBIDDEN');
      expect(await listed(staff.regionId)).not.toContain(supporterId);
      expect((await staff.ok(UPDATE_SUPPORTER, { input: { supporterId, active: true } })).updateSupporter.active).toBe(true);
      expect(await listed(staff.regionId)).toContain(supporterId);
    });
  });

  describe('mentorships', () => {
    let supporter: { client: Client; supporterId: string };
    beforeAll(async () => {
      supporter = await approvedSupporter(t, staff, 5, '支援者');
    });

    const newcomerCard = (client: Client, m: string) =>
      client.ok(`{ myMentorships { id status newcomer { accountId displayName fullName email phone } } }`).then(
        (d) => d.myMentorships.find((x: any) => x.id === m),
      );

    it("the supporter sees the newcomer's contact details while ACTIVE, and no longer after", async () => {
      const newcomer = await t.candidate('新人');
      const { requestMentorship: m } = await newcomer.ok(REQUEST, { input: requestInput(staff.regionId, { topics: ['子育て'] }) });
      expect(m).toMatchObject({ status: 'REQUESTED', supporter: null, topics: ['子育て'], message: 'よろしくお願いします' });
      const full = { accountId: newcomer.accountId, displayName: '新人', fullName: '佐藤 一郎', email: expect.stringContaining('@'), phone: '080-3333-4444' };
      const bare = { accountId: newcomer.accountId, displayName: '新人', fullName: null, email: null, phone: null };
      expect(m.newcomer).toEqual(full);

      // Before: the supporter is not part of it and sees nothing of it.
      expect(await newcomerCard(supporter.client, m.id)).toBeUndefined();

      // During.
      const { assignSupporter } = await staff.ok(ASSIGN, { m: m.id, s: supporter.supporterId });
      expect(assignSupporter).toMatchObject({ status: 'ACTIVE', supporter: { id: supporter.supporterId, accountId: supporter.client.accountId } });
      expect(assignSupporter.newcomer).toEqual(full);
      expect(await newcomerCard(supporter.client, m.id)).toMatchObject({ status: 'ACTIVE', newcomer: full });
      // Staff of the region and an ADMIN see them too; staff of another region does not see the list.
      const list = `query($r: ID!) { mentorships(regionId: $r, statuses: [ACTIVE]) { edges { node { id newcomer { fullName phone email } } } } }`;
      const staffView = (await staff.ok(list, { r: staff.regionId })).mentorships.edges.find((e: any) => e.node.id === m.id).node;
      expect(staffView.newcomer).toEqual({ fullName: '佐藤 一郎', phone: '080-3333-4444', email: expect.stringContaining('@') });
      const elsewhere = await t.staff(['COMMUNITY_MANAGE']);
      expect(codeOf(await elsewhere.gql(list, { r: staff.regionId }))).toBe('FORBIDDEN');
      expect(codeOf(await newcomer.gql(list, { r: staff.regionId }))).toBe('FORBIDDEN');

      // After: ended by the supporter, who still sees the mentorship but not the details.
      const { endMentorship } = await supporter.client.ok(END_MENTORSHIP, { id: m.id });
      expect(endMentorship.status).toBe('ENDED');
      expect(endMentorship.newcomer).toEqual(bare);
      expect(await newcomerCard(supporter.client, m.id)).toMatchObject({ status: 'ENDED', newcomer: bare });
      expect((await newcomerCard(newcomer, m.id)).newcomer).toEqual(full);
      expect((await staff.ok(`query($r: ID!) { mentorships(regionId: $r, statuses: [ENDED]) { edges { node { id newcomer { fullName } } } } }`, { r: staff.regionId }))
        .mentorships.edges.find((e: any) => e.node.id === m.id).node.newcomer.fullName).toBe('佐藤 一郎');

      const started = (await events(t, 'community.mentorship.started', m.id))[0].payload;
      expect(started).toMatchObject({ mentorshipId: m.id, regionId: staff.regionId, accountId: newcomer.accountId, supporterId: supporter.supporterId, supporterAccountId: supporter.client.accountId, organizationId: staff.organizationId, topics: ['子育て'] });
      expect((await events(t, 'community.mentorship.ended', m.id))[0].payload).toMatchObject({ endedBy: 'SUPPORTER', supporterId: supporter.supporterId });
      expect((await t.sql('SELECT active_newcomers FROM community.supporter WHERE id = $1', [supporter.supporterId]))[0].active_newcomers).toBe(0);
    });

    it('one live mentorship per newcomer and region; staff decline; the newcomer or staff end', async () => {
      const newcomer = await t.candidate();
      const first = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship;
      const again = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId, { topics: ['別'] }) })).requestMentorship;
      expect(again.id).toBe(first.id);
      expect(codeOf(await newcomer.gql(DECLINE_MENTORSHIP, { id: first.id }))).toBe('FORBIDDEN');
      expect((await staff.ok(DECLINE_MENTORSHIP, { id: first.id })).declineMentorship.status).toBe('DECLINED');
      expect(codeOf(await staff.gql(DECLINE_MENTORSHIP, { id: first.id }))).toBe('CONFLICT');
      expect(codeOf(await staff.gql(END_MENTORSHIP, { id: first.id }))).toBe('CONFLICT');
      expect(codeOf(await staff.gql(ASSIGN, { m: first.id, s: supporter.supporterId }))).toBe('CONFLICT');
      expect((await events(t, 'community.mentorship.declined', first.id))).toHaveLength(1);

      const second = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship;
      expect(second.id).not.toBe(first.id);
      const stranger = await t.candidate();
      expect(codeOf(await stranger.gql(END_MENTORSHIP, { id: second.id }))).toBe('FORBIDDEN');
      expect(codeOf(await supporter.client.gql(END_MENTORSHIP, { id: second.id }))).toBe('FORBIDDEN');
      expect((await newcomer.ok(END_MENTORSHIP, { id: second.id })).endMentorship.status).toBe('ENDED');
      expect((await events(t, 'community.mentorship.ended', second.id))[0].payload).toMatchObject({ endedBy: 'NEWCOMER', supporterId: null });

      const third = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship;
      await staff.ok(ASSIGN, { m: third.id, s: supporter.supporterId });
      expect((await staff.ok(END_MENTORSHIP, { id: third.id })).endMentorship.status).toBe('ENDED');
      expect((await events(t, 'community.mentorship.ended', third.id))[0].payload.endedBy).toBe('STAFF');
    });

    it('refuses assignments that are not staff, of another region, of the newcomer themselves, or of unknown ids', async () => {
      const newcomer = await t.candidate();
      const m = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
      expect(codeOf(await newcomer.gql(ASSIGN, { m, s: supporter.supporterId }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(ASSIGN, { m, s: supporter.supporterId }))).toBe('UNAUTHENTICATED');
      const otherRegion = await t.staff(['COMMUNITY_MANAGE']);
      expect(codeOf(await otherRegion.gql(ASSIGN, { m, s: supporter.supporterId }))).toBe('FORBIDDEN');
      const foreign = await approvedSupporter(t, otherRegion, 2);
      const wrong = await staff.gql(ASSIGN, { m, s: foreign.supporterId });
      expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(wrong.errors![0].extensions)).toContain('supporterId');
      // The newcomer volunteers too: not their own supporter.
      const own = (await newcomer.ok(VOLUNTEER, { input: { regionId: staff.regionId, topics: [], bio: '', maxNewcomers: 1 } })).volunteerAsSupporter.id;
      await staff.ok(APPROVE, { id: own });
      expect(codeOf(await staff.gql(ASSIGN, { m, s: own }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await staff.gql(ASSIGN, { m: '00000000-0000-4000-8000-000000000000', s: supporter.supporterId }))).toBe('NOT_FOUND');
      const badInput = await newcomer.gql(REQUEST, { input: requestInput(staff.regionId, { phone: 'no' }) });
      expect(codeOf(badInput)).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.anonymous().gql(REQUEST, { input: requestInput(staff.regionId) }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.anonymous().gql(MY_MENTORSHIPS))).toBe('UNAUTHENTICATED');
      expect(codeOf(await newcomer.gql(REQUEST, { input: requestInput('00000000-0000-4000-8000-000000000000') }))).toBe('NOT_FOUND');
    });
  });
});

export { MENTORSHIP_FIELDS, SUPPORTER_FIELDS };
