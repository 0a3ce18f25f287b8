import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { ExportCommunityPersonalDataQuery } from '#libs/contracts/community/personal-data.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { ApplyForRoleCommand } from '../../src/modules/community/application/commands/apply-for-role.js';
import { RequestMentorshipCommand } from '../../src/modules/community/application/commands/request-mentorship.js';
import { StartOnboardingCommand } from '../../src/modules/community/application/commands/start-onboarding.js';
import { UpdateSupporterCommand } from '../../src/modules/community/application/commands/update-supporter.js';
import { VolunteerAsSupporterCommand } from '../../src/modules/community/application/commands/volunteer-as-supporter.js';
import { TestApp, type Client } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import { MY_RECORDS } from '../privacy/privacy.fixtures.js';
import {
  ACCEPT, APPLY, APPROVE, ASSIGN, COMPLETE_STEP, MY_MENTORSHIPS, PLAN, REQUEST, SET_TEMPLATE, START, VOLUNTEER, applyInput,
  approvedSupporter, events, openRole, requestInput, type Staff,
} from './community.fixtures.js';

const MENTORSHIPS = `query($r: ID!) { mentorships(regionId: $r) { edges { node { id newcomer { accountId displayName fullName email phone } } } } }`;
const TEMPLATE_STEPS = [{ key: 'moving-in', title: '転入届', description: '14日以内に' }, { key: 'garbage', title: 'ごみの分別', description: '' }];

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
    await staff.ok(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: TEMPLATE_STEPS } });
  });
  afterAll(() => t.close());

  const ofApplication = async (type: string, applicationId: string) =>
    (await events(t, type)).map((e) => e.payload).filter((p) => p.applicationId === applicationId);
  const accountOf = (c: Client) => c.accountId!;

  /** Every column of every table of the schema, and every event payload but identity's (its own to scrub), holding any needle. */
  const traces = (needles: string[]) => personalDataTraces(t, needles, { schemas: ['community'], outboxExcludeSources: ['identity'] });

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

    describe('a mentorship asked for', () => {
      /** A region of its own: two COMMUNITY_MANAGE organizations and one that is not. */
      async function region() {
        const first = await t.staff(['COMMUNITY_MANAGE']);
        const second = await t.staff(['COMMUNITY_MANAGE', 'EVENTS_MANAGE'], first.regionId);
        const museum = await t.staff(['EVENTS_MANAGE'], first.regionId);
        await first.ok(SET_TEMPLATE, { input: { regionId: first.regionId, steps: TEMPLATE_STEPS } });
        return { first, second, museum, regionId: first.regionId };
      }
      const newcomerSeenBy = async (staffClient: Client, regionId: string, mentorshipId: string) =>
        (await staffClient.ok(MENTORSHIPS, { r: regionId })).mentorships.edges.map((e: any) => e.node).find((n: any) => n.id === mentorshipId).newcomer;

      it('carries one fact per COMMUNITY_MANAGE organization of the region (REQUEST, occasion mentorship), in the same transaction', async () => {
        const { first, second, regionId } = await region();
        const newcomer = await t.candidate();
        const { requestMentorship: m } = await newcomer.ok(REQUEST, { input: requestInput(regionId) });
        const [requested] = await events(t, 'community.mentorship.requested', m.id);
        const recipients = [first.organizationId, second.organizationId].sort();
        expect(requested.payload.provided).toEqual(recipients.map((organizationId) => ({
          subjectAccountId: newcomer.accountId, recipientOrganizationId: organizationId, recipientAccountId: null,
          purpose: '伴走サポーターの調整と連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'mentorship',
          occasionId: m.id,
        })));
        // Ids and a purpose: never the data itself.
        expect(JSON.stringify(requested.payload)).not.toMatch(/佐藤 一郎|080-3333-4444/);
        // Asking again answers the same mentorship: no second act, no second fact.
        expect((await newcomer.ok(REQUEST, { input: requestInput(regionId) })).requestMentorship.id).toBe(m.id);
        expect(await events(t, 'community.mentorship.requested', m.id)).toHaveLength(1);
      });

      it('a staff read of the newcomer\'s contact details is backed by a provision record the newcomer sees (myProvisionRecords)', async () => {
        const { first, second, regionId } = await region();
        const newcomer = await t.candidate();
        const { requestMentorship: m } = await newcomer.ok(REQUEST, { input: requestInput(regionId) });
        await t.drainAll();

        // Staff of a recipient organization read the contact details…
        expect(await newcomerSeenBy(first, regionId, m.id)).toMatchObject({ fullName: '佐藤 一郎', phone: '080-3333-4444', email: expect.stringContaining('@') });
        // … and the newcomer finds the record of it: their act, addressed to that organization.
        const records = (await newcomer.ok(MY_RECORDS, { first: 20 })).myProvisionRecords.edges.map((e: any) => e.node);
        const toFirst = records.find((r: any) => r.recipient?.id === first.organizationId);
        expect(toFirst).toMatchObject({
          recipientAccount: null, purpose: '伴走サポーターの調整と連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST',
          occasion: 'mentorship', occasionId: m.id,
        });
        expect(records.map((r: any) => r.recipient?.id).sort()).toEqual([first.organizationId, second.organizationId].sort());
      });

      it('staff of an organization the request did not go to see no contact details (none recorded for it)', async () => {
        const { first, regionId } = await region();
        const newcomer = await t.candidate('後から来た組織には');
        const { requestMentorship: m } = await newcomer.ok(REQUEST, { input: requestInput(regionId) });
        // COMMUNITY_MANAGE in the region, but only since after the request: no record names it.
        const late = await t.staff(['COMMUNITY_MANAGE'], regionId);
        expect(await newcomerSeenBy(late, regionId, m.id)).toEqual({
          accountId: newcomer.accountId, displayName: '後から来た組織には', fullName: null, email: null, phone: null,
        });
        expect((await newcomerSeenBy(first, regionId, m.id)).fullName).toBe('佐藤 一郎');
        // A request made now goes to it too (a record for it), and it sees that one.
        const another = await t.candidate();
        const { requestMentorship: m2 } = await another.ok(REQUEST, { input: requestInput(regionId) });
        const [requested] = await events(t, 'community.mentorship.requested', m2.id);
        expect(requested.payload.provided.map((f: any) => f.recipientOrganizationId)).toContain(late.organizationId);
        expect((await newcomerSeenBy(late, regionId, m2.id)).fullName).toBe('佐藤 一郎');
      });

      it('a plan shows staff the contact details only once the newcomer asked for a mentorship there (its record)', async () => {
        const { first, regionId } = await region();
        const newcomer = await t.candidate('計画だけの人');
        const { startOnboarding: plan } = await newcomer.ok(START, { r: regionId });
        // Starting a plan is addressed to no organization: no record, so staff see the name only.
        expect((await first.ok(PLAN, { id: plan.id })).onboardingPlan.newcomer).toEqual({
          accountId: newcomer.accountId, displayName: '計画だけの人', fullName: null, email: null, phone: null,
        });
        expect((await newcomer.ok(PLAN, { id: plan.id })).onboardingPlan.newcomer.email).toContain('@');
        // Once they ask for a mentorship (a record for each organization), the plan shows them too.
        await newcomer.ok(REQUEST, { input: requestInput(regionId) });
        expect((await first.ok(PLAN, { id: plan.id })).onboardingPlan.newcomer).toMatchObject({
          fullName: '佐藤 一郎', phone: '080-3333-4444', email: expect.stringContaining('@'),
        });
        const late = await t.staff(['COMMUNITY_MANAGE'], regionId);
        expect((await late.ok(PLAN, { id: plan.id })).onboardingPlan.newcomer.email).toBeNull();
      });
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

      await t.requestErasure(accountOf(person));
      await t.drainAll();

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
      await t.requestErasure(accountOf(person));
      await t.drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`)).toEqual(logged);
    });

    describe('a command in flight while the account is erased', () => {
      const erase = async (accountId: string) => {
        await t.requestErasure(accountId);
        await t.drainAll();
      };
      const register = { fullName: '飛行 中子', phone: '080-5555-6666' };
      const apply = (caller: Caller, roleId: string) =>
        new ApplyForRoleCommand(caller, roleId, `連絡は ${register.phone} へ`, register.fullName, register.phone);
      const ask = (caller: Caller, regionId: string) =>
        new RequestMentorshipCommand(caller, regionId, ['移住経験'], `${register.phone} に電話ください`, register.fullName, register.phone);
      const volunteer = (caller: Caller, regionId: string) =>
        new VolunteerAsSupporterCommand(caller, regionId, { topics: ['漁業'], bio: `${caller.displayName} です。${register.phone}`, maxNewcomers: 1 });
      const heldBy = (accountId: string) => t.sql(
        `SELECT 'application' AS kind, id FROM community.role_application WHERE account_id = $1
         UNION ALL SELECT 'mentorship', id FROM community.mentorship WHERE account_id = $1
         UNION ALL SELECT 'supporter', id FROM community.supporter WHERE account_id = $1
         UNION ALL SELECT 'plan', id FROM community.onboarding_plan WHERE account_id = $1`,
        [accountId],
      );

      it('is refused (FORBIDDEN) when it reaches community after the erasure noted the account, and writes nothing', async () => {
        const person = await t.candidate(`途中 ${randomUUID().slice(0, 6)}`);
        const caller = await person.caller();
        const roleId = await openRole(staff);
        const other = await t.staff(['COMMUNITY_MANAGE']);
        // A supporter profile they had, already erased with the rest.
        const { volunteerAsSupporter: profile } = await person.ok(VOLUNTEER, { input: { regionId: other.regionId, topics: ['子育て'], bio: '子育て中です', maxNewcomers: 1 } });
        const logged = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`);
        await erase(caller.accountId);
        expect(await t.sql('SELECT account_id FROM community.erased_account WHERE account_id = $1', [caller.accountId]))
          .toEqual([{ account_id: caller.accountId }]);
        const erasedOutbox = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`);
        expect(erasedOutbox[0].n).toBeGreaterThan(logged[0].n); // the erasure's own requests

        // Past its token check before the erasure, each command goes on: refused, before anything is written.
        const bus = t.app.get(CommandBus);
        for (const command of [
          apply(caller, roleId), ask(caller, staff.regionId), new StartOnboardingCommand(caller, staff.regionId), volunteer(caller, staff.regionId),
          new UpdateSupporterCommand(caller, profile.id, { bio: `${register.phone} までどうぞ`, active: true }),
        ]) {
          await expect(bus.execute(command)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        }
        expect(await heldBy(caller.accountId)).toEqual([{ kind: 'supporter', id: profile.id }]);
        expect(await t.sql('SELECT active, bio, display_name FROM community.supporter WHERE id = $1', [profile.id]))
          .toEqual([{ active: false, bio: '', display_name: ERASED_DISPLAY_NAME }]);
        expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'community'`)).toEqual(erasedOutbox);
        expect(await traces([caller.displayName, caller.email, register.fullName, register.phone])).toEqual([]);
      });

      it('committed before the erasure looked: found by it, released and emptied like the rest', async () => {
        const person = await t.candidate(`先に ${randomUUID().slice(0, 6)}`);
        const caller = await person.caller();
        const roleId = await openRole(staff, { seats: 1 });
        const other = await t.staff(['COMMUNITY_MANAGE']);
        const bus = t.app.get(CommandBus);
        const { applicationId } = await bus.execute(apply(caller, roleId));
        await staff.ok(ACCEPT, { id: applicationId });
        const { mentorshipId } = await bus.execute(ask(caller, staff.regionId));
        const { planId } = await bus.execute(new StartOnboardingCommand(caller, staff.regionId));
        const { supporterId } = await bus.execute(volunteer(caller, other.regionId));
        await other.ok(APPROVE, { id: supporterId });
        await erase(caller.accountId);

        expect(await ofApplication('community.role-application.withdrawn', applicationId)).toEqual([expect.objectContaining({ previousStatus: 'ACCEPTED' })]);
        expect((await events(t, 'community.mentorship.ended', mentorshipId)).map((e) => e.payload.endedBy)).toEqual(['NEWCOMER']);
        expect(await t.sql('SELECT display_name, email FROM community.onboarding_plan WHERE id = $1', [planId]))
          .toEqual([{ display_name: ERASED_DISPLAY_NAME, email: '' }]);
        expect(await t.sql('SELECT active, bio FROM community.supporter WHERE id = $1', [supporterId])).toEqual([{ active: false, bio: '' }]);
        // The seat is free again.
        const next = await t.candidate();
        const { applyForRole } = await next.ok(APPLY, { input: applyInput(roleId) });
        expect((await staff.ok(ACCEPT, { id: applyForRole.id })).acceptRoleApplication.status).toBe('ACCEPTED');
        expect(await traces([caller.displayName, caller.email, register.fullName, register.phone])).toEqual([]);
      });
    });
  });
});
