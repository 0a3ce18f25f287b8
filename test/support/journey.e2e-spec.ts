import { CHECK_IN, CLOSE, REGISTER, openEvent } from '../events/events.fixtures.js';
import { ACCEPT, APPLY, SET_TEMPLATE, START, applyInput, openRole } from '../community/community.fixtures.js';
import { CHECK_IN_STAY, CONFIRM_STAY, REQUEST_STAY, day, publishedListing, stayInput } from '../housing/housing.fixtures.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';
import { JOURNEY, JOURNEYS, MY_JOURNEY, OUTCOME, REQUEST, eventually, requestInput } from './support.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };
type Journey = {
  stage: string;
  person: { accountId: string; displayName: string; fullName: string | null; email: string | null; phone: string | null };
  nextSteps: Array<{ module: string; suggestion: string }>;
  entries: { totalCount: number; edges: Array<{ node: { at: string; module: string; kind: string; summary: string; subjectId: string | null } }> };
} | null;

const PROFILE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`;
const profile = (regionId: string, dualRegionStage = 'VISITING') => ({
  fullName: '田中 健一', ageBand: 'FIFTIES', headline: '自動車部品工場の生産管理', careerSummary: '生産管理と品質管理を30年。',
  skills: ['生産管理'], desiredWorkStyles: ['JOB_CHANGE'], remoteHoursPerWeek: 0, onsiteDaysPerMonth: 20,
  desiredRegionIds: [regionId], dualRegionStage, phone: '080-2345-6789',
});
const kinds = (j: Journey) => j!.entries.edges.map((e) => e.node.kind);
const summaries = (j: Journey) => j!.entries.edges.map((e) => e.node.summary);
const modules = (j: Journey) => [...new Set(j!.entries.edges.map((e) => e.node.module))].sort();

/**
 * One person's way, from sign-up to a trial stay, checked after each step through GraphQL
 * with the background relay running: each act is visible in the journey within 5 seconds.
 * Every act goes through its module's GraphQL (events, careers, matching, housing, community,
 * support); the journey sees them only through their integration events.
 */
describe('support: the journey', () => {
  let t: TestApp;
  let biz: Staff; // CAREERS_MANAGE: the employer, WORK consultations
  let organizer: Staff; // EVENTS_MANAGE: the briefing
  let city: Staff; // HOUSING_MANAGE + COMMUNITY_MANAGE: the stay, the role
  let elsewhere: Staff;
  let regionId: string;
  let opportunityId: string;

  const mine = (c: Client) => async () => (await c.ok<{ myJourney: Journey }>(MY_JOURNEY, { regionId })).myJourney;
  const seenBy = (c: Client, accountId: string) => async () => (await c.ok<{ journey: Journey }>(JOURNEY, { accountId, regionId })).journey;

  beforeAll(async () => {
    t = await TestApp.start({ config: { relayIntervalMs: 250 } }); // the default MINATO_RELAY_INTERVAL_MS
    biz = await t.staff(['CAREERS_MANAGE']);
    regionId = biz.regionId;
    organizer = await t.staff(['EVENTS_MANAGE'], regionId);
    city = await t.staff(['HOUSING_MANAGE', 'COMMUNITY_MANAGE'], regionId);
    elsewhere = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE', 'HOUSING_MANAGE']);
    const employerId = (await biz.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { organizationId: biz.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
    })).registerEmployer.id;
    opportunityId = (await biz.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
      input: { employerId, title: '工場長候補(転職・移住)', description: '水産加工場の工場長候補', workStyle: 'JOB_CHANGE', skills: ['生産管理'], remoteOk: false, onsiteDaysPerMonth: 20 },
    })).draftOpportunity.id;
    await biz.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
    await biz.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
  });
  afterAll(() => t.close());

  it('walks one person from sign-up to a trial stay; stage, entries and who may read it after each step', async () => {
    // 1. Sign-up: nothing has happened in the region yet.
    const person = await t.candidate('田中 健一');
    const me = person.accountId!;
    await eventually(() => t.sql(`SELECT 1 FROM support.journey_person WHERE account_id = $1`, [me]), (rows) => rows.length === 1);
    expect(await mine(person)()).toBeNull();

    // 2. A consultation about work: the journey opens at REGISTERED.
    const consultation = (await person.ok(REQUEST, { input: requestInput(regionId, { fullName: '田中 健一', phone: '080-2345-6789' }) })).requestConsultation;
    let j = await eventually(mine(person), (x) => x !== null && kinds(x).includes('CONSULTATION_REQUESTED'));
    expect(j!.stage).toBe('REGISTERED');
    expect(kinds(j)).toEqual(['CONSULTATION_REQUESTED', 'ACCOUNT_REGISTERED']); // newest first
    expect(summaries(j)).toEqual(['仕事の相談を申込', 'Minatoに登録']);
    expect(j!.entries.edges[0].node).toMatchObject({ module: 'support', subjectId: consultation.id });
    expect(j!.person).toEqual({ accountId: me, displayName: '田中 健一', fullName: '田中 健一', email: expect.stringContaining('@'), phone: '080-2345-6789' });
    expect(j!.nextSteps.map((s) => s.module)).not.toContain('support');
    expect(j!.nextSteps).toContainEqual({ module: 'events', suggestion: expect.stringContaining('説明会') });

    // Who may read it: routed staff see the stage and support's entries (and the contact details); nobody else.
    const byBiz = await seenBy(biz, me)();
    expect(byBiz).toMatchObject({ stage: 'REGISTERED', person: { fullName: '田中 健一', phone: '080-2345-6789' } });
    expect(modules(byBiz)).toEqual(['support']);
    for (const stranger of [organizer, city, elsewhere, await t.candidate()]) expect(await seenBy(stranger, me)()).toBeNull();
    expect(await seenBy(await t.admin(), me)()).toEqual(j);
    expect(await seenBy(person, me)()).toEqual(j);
    expect(codeOf(await t.anonymous().gql(JOURNEY, { accountId: me, regionId }))).toBe('UNAUTHENTICATED');

    // 3. The consultation took place: CONSULTED.
    await biz.ok(OUTCOME, { input: { consultationId: consultation.id, status: 'DONE', outcome: '工場長候補の求人を紹介' } });
    j = await eventually(mine(person), (x) => x!.stage === 'CONSULTED');
    expect(j!.entries.edges[0].node).toMatchObject({ kind: 'CONSULTATION_DONE', summary: '仕事について相談', module: 'support' });
    expect(JSON.stringify(j)).not.toContain('工場長候補の求人を紹介'); // the staff's notes are not the journey's

    // 4. A Tokyo briefing attended: the entry is added; the stage stays the furthest reached (CONSULTED).
    const eventId = await openEvent(organizer, { title: '気仙沼セカンドキャリア 東京説明会' });
    const registration = (await person.ok(REGISTER, { id: eventId })).registerForEvent;
    await organizer.ok(CLOSE, { id: eventId });
    await organizer.ok(CHECK_IN, { id: registration.id });
    j = await eventually(mine(person), (x) => kinds(x).includes('EVENT_ATTENDED'));
    // Read once more: the journey's row and its entries are two reads, the row first.
    j = await mine(person)();
    expect(j!.stage).toBe('CONSULTED');
    expect(summaries(j).slice(0, 2)).toEqual(['「気仙沼セカンドキャリア 東京説明会」に参加', '「気仙沼セカンドキャリア 東京説明会」に参加登録']);
    expect(j!.nextSteps).toContainEqual({ module: 'matching', suggestion: '説明会で気になった仕事に「興味ある」を伝えてみませんか' });
    expect(await seenBy(organizer, me)()).toBeNull(); // organizing an event is not serving the person here

    // 5. Interest accepted: a match, MATCHED.
    await person.ok(PROFILE, { input: profile(regionId) });
    const interest = (await person.ok(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, { input: { opportunityId } })).expressInterest;
    await biz.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId: interest.id } });
    j = await eventually(mine(person), (x) => x!.stage === 'MATCHED' && kinds(x).includes('MATCH_ESTABLISHED'));
    expect(summaries(j).slice(0, 3)).toEqual([
      '「工場長候補(転職・移住)」とマッチング成立', '「工場長候補(転職・移住)」への「興味ある」が受け入れられました', '「工場長候補(転職・移住)」に「興味ある」を送信',
    ]);
    expect(j!.nextSteps).toContainEqual({ module: 'housing', suggestion: 'お試し住宅で暮らしてみませんか' });
    expect(j!.nextSteps.map((s) => s.module)).not.toContain('matching');
    // A match of the region: every organization of the region sees the stage and matching's entries.
    const byOrganizer = await seenBy(organizer, me)();
    expect(byOrganizer).toMatchObject({ stage: 'MATCHED', person: { fullName: null, email: null, phone: null } });
    expect(modules(byOrganizer)).toEqual(['matching']);
    expect(modules(await seenBy(biz, me)())).toEqual(['matching', 'support']);
    expect(await seenBy(elsewhere, me)()).toBeNull();

    // 6. Match ENGAGED: WORKING.
    const [{ id: matchId }] = await t.sql(`SELECT subject_id AS id FROM support.journey_entry WHERE account_id = $1 AND kind = 'MATCH_ESTABLISHED'`, [me]);
    await biz.ok(`mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id } }`, { input: { matchId, stage: 'ENGAGED', note: '4月から勤務' } });
    j = await eventually(mine(person), (x) => x!.stage === 'WORKING');
    expect(j!.entries.edges[0].node).toMatchObject({ kind: 'MATCH_ENGAGED', summary: '「工場長候補(転職・移住)」で働くことが決定', subjectId: matchId });
    expect(j!.nextSteps).toContainEqual({ module: 'community', suggestion: '地域になじむためのオンボーディングを始めませんか' });

    // 7. A trial stay checked in, through housing's GraphQL: TRIAL_STAY.
    const listingId = await publishedListing(city, 'TRIAL_STAY', { title: '唐桑の家', minNights: 2, maxNights: 14 });
    const { requestStay } = await person.ok(REQUEST_STAY, { input: stayInput(listingId, day(1), day(8)) });
    await city.ok(CONFIRM_STAY, { id: requestStay.id });
    // A day passes: the check-in day comes (the stay's nights move with it).
    await t.sql(`UPDATE housing.stay SET check_in = check_in - 1, check_out = check_out - 1 WHERE id = $1`, [requestStay.id]);
    await city.ok(CHECK_IN_STAY, { id: requestStay.id });
    const stay = { stayId: requestStay.id as string };
    j = await eventually(mine(person), (x) => x!.stage === 'TRIAL_STAY');
    expect(summaries(j).slice(0, 3)).toEqual(['「唐桑の家」にチェックイン', `「唐桑の家」の滞在(${day(1)}から7泊)が確定`, '「唐桑の家」に7泊の滞在を申込']);
    expect(j!.entries.edges[0].node).toMatchObject({ module: 'housing', kind: 'STAY_CHECKED_IN', subjectId: stay.stayId });
    expect(j!.nextSteps.map((s) => s.module)).not.toContain('housing');
    // The city manages the stay: it sees housing's entries (and matching's, as an organization of the region).
    expect(modules(await seenBy(city, me)())).toEqual(['housing', 'matching']);

    // 8. Community, through its GraphQL: a role accepted and onboarding started.
    const roleId = await openRole(city, { title: 'みなとまつりの運営ボランティア' });
    const { applyForRole } = await person.ok(APPLY, { input: applyInput(roleId) });
    await city.ok(ACCEPT, { id: applyForRole.id });
    await city.ok(SET_TEMPLATE, {
      input: { regionId, steps: [{ key: 'moving-in', title: '転入届と住民票', description: '市役所で転入届を出します' }] },
    });
    await person.ok(START, { r: regionId });
    j = await eventually(mine(person), (x) => kinds(x).includes('ONBOARDING_STARTED') && kinds(x).includes('ROLE_ACCEPTED'));
    // Read once more: the journey's row and its entries are two reads, the row first.
    j = await mine(person)();
    expect(j!.stage).toBe('TRIAL_STAY'); // a role accepted (WORKING) does not lower it
    expect(summaries(j)).toContain('地域の役割「みなとまつりの運営ボランティア」を担うことに');
    expect(j!.nextSteps.map((s) => s.module)).not.toContain('community');

    // 9. The match withdrawn: the stage never goes back; the organizer no longer serves the person.
    await biz.ok(`mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id } }`, { input: { matchId, stage: 'WITHDRAWN' } });
    j = await eventually(mine(person), (x) => kinds(x).includes('MATCH_WITHDRAWN'));
    expect(j!.stage).toBe('TRIAL_STAY');
    expect(await seenBy(organizer, me)()).toBeNull();
    expect(modules(await seenBy(city, me)())).toEqual(['community', 'housing']);

    // 10. Living in two regions (the profile's dualRegionStage): DUAL_REGION.
    await person.ok(PROFILE, { input: profile(regionId, 'DUAL_REGION') });
    j = await eventually(mine(person), (x) => x!.stage === 'DUAL_REGION');
    expect(j!.entries.edges[0].node).toMatchObject({ module: 'matching', kind: 'DUAL_REGION_STAGE_CHANGED', summary: '二地域居住の段階が「二地域居住」に' });

    // journeys: what each caller may see, most recently active first, by stage.
    const listed = async (c: Client, stages?: string[]) =>
      (await c.ok(JOURNEYS, { regionId, stages })).journeys.edges.map((e: any) => e.node.person.accountId);
    expect(await listed(biz)).toContain(me);
    expect(await listed(biz, ['DUAL_REGION'])).toEqual([me]);
    expect(await listed(biz, ['REGISTERED', 'WORKING'])).not.toContain(me);
    expect(await listed(elsewhere)).toEqual([]);
    expect(await listed(organizer)).toEqual([]);
    expect(codeOf(await person.gql(JOURNEYS, { regionId }))).toBe('FORBIDDEN');
    expect(codeOf(await t.anonymous().gql(JOURNEYS, { regionId }))).toBe('UNAUTHENTICATED');
    const byCityListed = (await city.ok(JOURNEYS, { regionId })).journeys.edges[0].node;
    expect(byCityListed.stage).toBe('DUAL_REGION');
    expect([...new Set(byCityListed.entries.edges.map((e: any) => e.node.module))].sort()).toEqual(['community', 'housing']);
  });

  it("shows staff the contact details the person gave their organization, not what they gave another region's desk", async () => {
    const person = await t.candidate('二地域 さん');
    const otherDesk = await t.staff(['CAREERS_MANAGE']);
    await person.ok(REQUEST, { input: requestInput(regionId, { fullName: '佐藤 A', phone: '090-1111-1111' }) });
    await person.ok(REQUEST, { input: requestInput(otherDesk.regionId, { fullName: '別名 B', phone: '080-2222-2222' }) });
    const here = await eventually(seenBy(biz, person.accountId!), (j) => j !== null);
    expect(here!.person).toMatchObject({ fullName: '佐藤 A', phone: '090-1111-1111' });
    const there = await eventually(
      async () => (await otherDesk.ok<{ journey: Journey }>(JOURNEY, { accountId: person.accountId!, regionId: otherDesk.regionId })).journey,
      (j) => j !== null,
    );
    expect(there!.person).toMatchObject({ fullName: '別名 B', phone: '080-2222-2222' });
    expect((await mine(person)())!.person).toMatchObject({ fullName: '佐藤 A', phone: '090-1111-1111' });
  });

  it('answers null where nothing happened or nothing may be seen, and refuses the anonymous', async () => {
    const person = await t.candidate();
    const other = (await t.region()).id;
    await person.ok(REQUEST, { input: requestInput(regionId) });
    await eventually(mine(person), (x) => x !== null);
    expect((await person.ok(MY_JOURNEY, { regionId: other })).myJourney).toBeNull();
    expect((await person.ok(MY_JOURNEY, { regionId: 'not-an-id' })).myJourney).toBeNull();
    const admin = await t.admin();
    expect((await admin.ok(JOURNEY, { accountId: '00000000-0000-4000-8000-000000000000', regionId })).journey).toBeNull();
    expect((await admin.ok(JOURNEY, { accountId: person.accountId, regionId: other })).journey).toBeNull();
    expect(codeOf(await t.anonymous().gql(MY_JOURNEY, { regionId }))).toBe('UNAUTHENTICATED');
    expect((await admin.ok(JOURNEYS, { regionId, stages: ['RELOCATED'] })).journeys).toMatchObject({ totalCount: 0, edges: [] });
    expect(codeOf(await admin.gql(`query($r: ID!) { journeys(regionId: $r, first: 101) { totalCount } }`, { r: regionId }))).toBe('BAD_USER_INPUT');
  });

  it('lists the region\'s journeys most recently active first, paged', async () => {
    const a = await t.candidate('一人目');
    const b = await t.candidate('二人目');
    await a.ok(REQUEST, { input: requestInput(regionId) });
    await eventually(mine(a), (x) => x !== null);
    await b.ok(REQUEST, { input: requestInput(regionId) });
    await eventually(mine(b), (x) => x !== null);
    const admin = await t.admin();
    const page1 = (await admin.ok(JOURNEYS, { regionId, first: 1 })).journeys;
    expect(page1.edges.map((e: any) => e.node.person.accountId)).toEqual([b.accountId]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await admin.ok(JOURNEYS, { regionId, first: 1, after: page1.pageInfo.endCursor })).journeys;
    expect(page2.edges.map((e: any) => e.node.person.accountId)).toEqual([a.accountId]);
    expect(codeOf(await admin.gql(JOURNEYS, { regionId, after: 'bad' }))).toBe('BAD_USER_INPUT');
  });
});
