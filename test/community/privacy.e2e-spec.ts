import { randomUUID } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { ExportCommunityPersonalDataQuery } from '#libs/contracts/community/personal-data.js';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { TestApp, type Client } from '../harness/harness.js';
import {
  ACCEPT, APPLY, APPROVE, ASSIGN, COMPLETE_STEP, MY_MENTORSHIPS, REQUEST, SET_TEMPLATE, START, VOLUNTEER, applyInput, approvedSupporter,
  events, openRole, requestInput, type Staff,
} from './community.fixtures.js';

/**
 * Contract 90-privacy in community: the provision facts of applications and mentorships, its
 * section of a person's export, and erasure (seats and supporters' places released as the
 * person's own acts would, then no trace of the person in any column of the schema nor in any
 * event payload).
 */
describe('community and personal data', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
    await staff.ok(SET_TEMPLATE, {
      input: { regionId: staff.regionId, steps: [{ key: 'moving-in', title: '転入届', description: '14日以内に' }, { key: 'garbage', title: 'ごみの分別', description: '' }] },
    });
  });
  afterAll(() => t.close());

  const drainAll = async () => {
    while ((await t.drainOutbox()) > 0);
  };
  const ofApplication = async (type: string, applicationId: string) =>
    (await events(t, type)).map((e) => e.payload).filter((p) => p.applicationId === applicationId);
  const accountOf = (c: Client) => c.accountId!;

  /** Every column of every table of the schema, and every event payload but identity's (its own to scrub), holding any needle. */
  async function traces(needles: string[]): Promise<string[]> {
    const columns = await t.sql<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = 'community' AND tb.table_type = 'BASE TABLE' ORDER BY 1, 2`,
    );
    expect(columns.length).toBeGreaterThan(40);
    const found = await t.sql<{ place: string }>(
      columns.map(({ table_name, column_name }) =>
        `SELECT 'community.${table_name}.${column_name}' AS place FROM community."${table_name}"
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) needle WHERE strpos("${column_name}"::text, needle) > 0)`,
      ).join(' UNION ') + ' ORDER BY 1',
      [needles],
    );
    const logged = await t.sql(
      `SELECT type FROM messaging.outbox
        WHERE source <> 'identity' AND EXISTS (SELECT 1 FROM unnest($1::text[]) needle WHERE strpos(payload::text, needle) > 0)`,
      [needles],
    );
    return [...found.map((f) => f.place), ...logged.map((e) => `messaging.outbox ${e.type}`)];
  }

  describe('provision facts', () => {
    it('an application carries the role\'s organization\'s access to the contact details (REQUEST, occasion application)', async () => {
      const roleId = await openRole(staff);
      const person = await t.candidate();
      const { applyForRole } = await person.ok(APPLY, { input: applyInput(roleId) });
      const [submitted] = await ofApplication('community.role-application.submitted', applyForRole.id);
      expect(submitted.provided).toEqual([{
        subjectAccountId: person.accountId, recipientOrganizationId: staff.organizationId, recipientAccountId: null,
        purpose: '地域活動への応募の選考と連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'application',
        occasionId: applyForRole.id,
      }]);
      await staff.ok(ACCEPT, { id: applyForRole.id });
      expect((await ofApplication('community.role-application.accepted', applyForRole.id))[0].provided).toBeUndefined();
    });

    it('a mentorship made ACTIVE carries the supporter\'s access, a person (REQUEST: the newcomer asked for it)', async () => {
      const supporter = await approvedSupporter(t, staff, 2);
      const newcomer = await t.candidate();
      const { requestMentorship: m } = await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) });
      expect((await events(t, 'community.mentorship.requested', m.id))[0].payload.provided).toBeUndefined();
      await staff.ok(ASSIGN, { m: m.id, s: supporter.supporterId });
      const [started] = await events(t, 'community.mentorship.started', m.id);
      expect(started.payload.provided).toEqual([{
        subjectAccountId: newcomer.accountId, recipientOrganizationId: null, recipientAccountId: supporter.client.accountId,
        purpose: '伴走サポートの連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'mentorship',
        occasionId: m.id,
      }]);
      // What the fact says the supporter sees is what they see.
      const seen = (await supporter.client.ok(MY_MENTORSHIPS)).myMentorships.find((x: any) => x.id === m.id);
      expect(seen.newcomer).toMatchObject({ fullName: '佐藤 一郎', phone: '080-3333-4444', email: expect.stringContaining('@') });
    });
  });

  describe('export', () => {
    it('answers applications, mentorships as newcomer and as supporter, supporter profiles and plans, as plain JSON', async () => {
      const person = await t.candidate('書き出す人');
      const roleId = await openRole(staff, { title: '防災訓練の手伝い' });
      const { applyForRole } = await person.ok(APPLY, { input: applyInput(roleId, { fullName: '書出 花子', phone: '070-1111-0000' }) });
      const supporter = await approvedSupporter(t, staff, 2, '支える人');
      const { requestMentorship: mine } = await person.ok(REQUEST, { input: requestInput(staff.regionId, { fullName: '書出 花子', phone: '070-1111-0000', message: 'よろしく' }) });
      await staff.ok(ASSIGN, { m: mine.id, s: supporter.supporterId });
      // The person supports someone else elsewhere: that newcomer's details are not the person's to export.
      const other = await t.staff(['COMMUNITY_MANAGE']);
      const { volunteerAsSupporter: profile } = await person.ok(VOLUNTEER, { input: { regionId: other.regionId, topics: ['子育て'], bio: '子育て中です', maxNewcomers: 1 } });
      await other.ok(APPROVE, { id: profile.id });
      const someone = await t.candidate('別の人');
      const { requestMentorship: theirs } = await someone.ok(REQUEST, { input: requestInput(other.regionId, { fullName: '他人 太郎' }) });
      await other.ok(ASSIGN, { m: theirs.id, s: profile.id });
      const { startOnboarding: plan } = await person.ok(START, { r: staff.regionId });
      await person.ok(COMPLETE_STEP, { p: plan.id, k: 'moving-in' });

      const section = await t.app.get(QueryBus).execute(new ExportCommunityPersonalDataQuery(accountOf(person)));
      expect(JSON.parse(JSON.stringify(section))).toEqual(section);
      const contact = { displayName: '書き出す人', fullName: '書出 花子', email: expect.stringContaining('@'), phone: '070-1111-0000' };
      const instant = expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/);
      expect(section).toEqual({
        roleApplications: [{
          id: applyForRole.id, role: { id: roleId, title: '防災訓練の手伝い', category: 'FESTIVAL' }, regionId: staff.regionId,
          organizationId: staff.organizationId, applicant: contact, motivation: 'お祭りを支えたい', status: 'APPLIED', createdAt: instant, updatedAt: instant,
        }],
        mentorships: [{
          id: mine.id, regionId: staff.regionId, newcomer: contact, topics: ['移住経験'], message: 'よろしく',
          supporter: { id: supporter.supporterId, displayName: '支える人' }, status: 'ACTIVE', createdAt: instant, updatedAt: instant,
        }],
        supportedMentorships: [{
          id: theirs.id, regionId: other.regionId, supporterId: profile.id, topics: ['移住経験'], status: 'ACTIVE', createdAt: instant, updatedAt: instant,
        }],
        supporterProfiles: [{
          id: profile.id, regionId: other.regionId, displayName: '書き出す人', topics: ['子育て'], bio: '子育て中です', maxNewcomers: 1,
          activeNewcomers: 1, approved: true, active: true, createdAt: instant, updatedAt: instant,
        }],
        onboardingPlans: [{
          id: plan.id, regionId: staff.regionId, newcomer: { displayName: '書き出す人', email: expect.stringContaining('@') },
          steps: [{ key: 'moving-in', title: '転入届', doneAt: instant }, { key: 'garbage', title: 'ごみの分別', doneAt: null }],
          status: 'IN_PROGRESS', startedAt: instant, completedAt: null,
        }],
      });
      expect(JSON.stringify(section)).not.toMatch(/他人|別の人/);
      expect(await t.app.get(QueryBus).execute(new ExportCommunityPersonalDataQuery(randomUUID()))).toEqual({
        roleApplications: [], mentorships: [], supportedMentorships: [], supporterProfiles: [], onboardingPlans: [],
      });
    });
  });

  describe('erasure', () => {
    it('withdraws, ends and deactivates as the person would (a seat and places freed), then leaves no trace of them', async () => {
      const name = `消える 候補者 ${randomUUID().slice(0, 6)}`;
      const person = await t.candidate(name);
      const email = (await person.ok('{ me { email } }')).me.email as string;
      const register = { fullName: '消去 恵子', phone: '090-9876-5432' };

      // An accepted application to a full role, someone else waiting for the seat; an application still open.
      const full = await openRole(staff, { seats: 1 });
      const { applyForRole: accepted } = await person.ok(APPLY, { input: applyInput(full, { ...register, motivation: `連絡は ${register.phone} へ` }) });
      await staff.ok(ACCEPT, { id: accepted.id });
      const waiting = await t.candidate('待つ人');
      const { applyForRole: theirs } = await waiting.ok(APPLY, { input: applyInput(full) });
      expect((await staff.gql(ACCEPT, { id: theirs.id })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROLE_FULL' });
      const { applyForRole: open } = await person.ok(APPLY, { input: applyInput(await openRole(staff), register) });

      // An ACTIVE mentorship taking a supporter's only place, another newcomer waiting for it.
      const busy = await approvedSupporter(t, staff, 1);
      const { requestMentorship: mine } = await person.ok(REQUEST, { input: requestInput(staff.regionId, { ...register, message: `${register.phone} に電話ください` }) });
      await staff.ok(ASSIGN, { m: mine.id, s: busy.supporterId });
      const next = await t.candidate('次の人');
      const { requestMentorship: nextOne } = await next.ok(REQUEST, { input: requestInput(staff.regionId) });
      expect((await staff.gql(ASSIGN, { m: nextOne.id, s: busy.supporterId })).errors![0].extensions).toMatchObject({ reason: 'SUPPORTER_FULL' });

      // The person also supports a newcomer in another region.
      const other = await t.staff(['COMMUNITY_MANAGE']);
      const { volunteerAsSupporter: profile } = await person.ok(VOLUNTEER, {
        input: { regionId: other.regionId, topics: ['子育て'], bio: `${name} です。${email} までどうぞ`, maxNewcomers: 2 },
      });
      await other.ok(APPROVE, { id: profile.id });
      const supported = await t.candidate('支えられる人');
      const { requestMentorship: theirMentorship } = await supported.ok(REQUEST, { input: requestInput(other.regionId) });
      await other.ok(ASSIGN, { m: theirMentorship.id, s: profile.id });

      // A plan under way.
      const { startOnboarding: plan } = await person.ok(START, { r: staff.regionId });
      await person.ok(COMPLETE_STEP, { p: plan.id, k: 'moving-in' });

      const needles = [name, email, register.fullName, register.phone, register.phone.replace(/-/g, '')];
      expect(await traces(needles)).toEqual(expect.arrayContaining([
        'community.mentorship.full_name', 'community.mentorship.message', 'community.onboarding_plan.email', 'community.role_application.motivation',
        'community.role_application.phone', 'community.supporter.bio', 'community.supporter.display_name',
      ]));
      const rows = () => t.sql(`SELECT (SELECT count(*) FROM community.role_application)::int AS a, (SELECT count(*) FROM community.mentorship)::int AS m,
        (SELECT count(*) FROM community.supporter)::int AS s, (SELECT count(*) FROM community.onboarding_plan)::int AS p`);
      const before = await rows();

      await t.publish([AccountErasureRequested.create(randomUUID(), { accountId: accountOf(person), requestedAt: new Date().toISOString() })]);
      await drainAll();

      // Released as the person's own acts: the seat and the places go to those who waited.
      expect(await ofApplication('community.role-application.withdrawn', accepted.id)).toEqual([expect.objectContaining({ previousStatus: 'ACCEPTED' })]);
      expect(await ofApplication('community.role-application.withdrawn', open.id)).toEqual([expect.objectContaining({ previousStatus: 'APPLIED' })]);
      expect((await staff.ok(ACCEPT, { id: theirs.id })).acceptRoleApplication).toMatchObject({ status: 'ACCEPTED', role: { acceptedCount: 1 } });
      expect((await events(t, 'community.mentorship.ended', mine.id)).map((e) => e.payload.endedBy)).toEqual(['NEWCOMER']);
      expect((await staff.ok(ASSIGN, { m: nextOne.id, s: busy.supporterId })).assignSupporter.status).toBe('ACTIVE');
      expect((await events(t, 'community.mentorship.ended', theirMentorship.id)).map((e) => e.payload.endedBy)).toEqual(['SUPPORTER']);
      expect((await supported.ok(REQUEST, { input: requestInput(other.regionId) })).requestMentorship.id).not.toBe(theirMentorship.id);
      const listed = await t.anonymous().ok(`query($r: ID!) { supporters(regionId: $r) { id } }`, { r: other.regionId });
      expect(listed.supporters).toEqual([]);
      const [row] = await t.sql('SELECT active, active_newcomers FROM community.supporter WHERE id = $1', [profile.id]);
      expect(row).toEqual({ active: false, active_newcomers: 0 });

      // The rows stay (counts), without the person; staff see who it was no more.
      expect(await rows()).toEqual([{ ...before[0], m: before[0].m + 1 }]); // + the supported newcomer's new request
      const seen = await staff.ok(`query($id: ID!) { roleApplications(roleId: $id) { edges { node { id motivation applicant { displayName fullName email phone } } } } }`, { id: full });
      expect(seen.roleApplications.edges.map((e: any) => e.node)).toContainEqual({
        id: accepted.id, motivation: '', applicant: { displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null },
      });
      expect(await traces(needles)).toEqual([]);

      // A redelivery finds nothing to do.
      const logged = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`);
      await t.publish([AccountErasureRequested.create(randomUUID(), { accountId: accountOf(person), requestedAt: new Date().toISOString() })]);
      await drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`)).toEqual(logged);
    });
  });
});
