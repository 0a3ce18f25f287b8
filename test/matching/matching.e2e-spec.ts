import { RecommendationReadModel } from '../../src/modules/matching/infrastructure/recommendation.read-model.js';
import { CHECK_IN, REGISTER, openEvent } from '../events/events.fixtures.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';
import { ReadLogProbeModule } from './personal-data-reads.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

const PROFILE_FIELDS = `id displayName ageBand headline careerSummary skills desiredWorkStyles remoteHoursPerWeek onsiteDaysPerMonth
  desiredRegions { id } dualRegionStage fullName email phone updatedAt`;
const SAVE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { ${PROFILE_FIELDS} } }`;
const EXPRESS = `mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id status opportunity { id title } candidate { id } match { id } } }`;
const interestMove = (name: string) => `mutation($input: InterestIdInput!) { ${name}(input: $input) { id status match { id stage } } }`;
const SCOUT = `mutation($input: ScoutCandidateInput!) { scoutCandidate(input: $input) { id status message sentBy { id } candidate { id } opportunity { id } match { id } } }`;
const RESPOND = `mutation($input: RespondToScoutInput!) { respondToScout(input: $input) { id status match { id stage } } }`;
const ADVANCE = `mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id stage history { stage note changedAt } } }`;
const ASSIGN = `mutation($input: AssignCoordinatorInput!) { assignCoordinator(input: $input) { id coordinator { id displayName } } }`;
const MESSAGE = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id authorDisplayName body sentAt } }`;
const MATCH = `query($id: ID!) { match(id: $id) { id stage candidate { id fullName email phone } opportunity { id } coordinator { id }
  history { stage note } messages { authorDisplayName body } } }`;
const CANDIDATE = `query($id: ID!) { candidate(id: $id) { id displayName headline fullName email phone } }`;

const profile = (regionIds: string[], over: Record<string, unknown> = {}) => ({
  fullName: '佐藤 真理子',
  ageBand: 'FIFTIES',
  headline: '食品メーカーで25年、マーケティング一筋',
  careerSummary: '商品企画とデジタルマーケティングを担当。',
  skills: ['マーケティング', 'EC', '英語'],
  desiredWorkStyles: ['SIDE_JOB', 'PRO_BONO'],
  remoteHoursPerWeek: 10,
  onsiteDaysPerMonth: 3,
  desiredRegionIds: regionIds,
  dualRegionStage: 'EXPLORING',
  phone: '090-1234-5678',
  ...over,
});

describe('matching through GraphQL', () => {
  let t: TestApp;
  let careers: Staff; // CAREERS_MANAGE in region A
  let coordinator: Staff; // MATCHING_COORDINATE in region A
  let elsewhere: Staff; // CAREERS_MANAGE + MATCHING_COORDINATE in region B
  let employerId: string;

  async function opportunity(over: Record<string, unknown> = {}, publish = true): Promise<string> {
    const id = (
      await careers.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
        input: {
          employerId, title: '海外向けECのマーケティング責任者', description: '冷凍カツオの海外EC', workStyle: 'SIDE_JOB',
          skills: ['マーケティング', 'EC'], remoteOk: true, onsiteDaysPerMonth: 2, ...over,
        },
      })
    ).draftOpportunity.id;
    if (publish) {
      await careers.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId: id } });
      await careers.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId: id } });
    }
    await t.drainOutbox(); // matching's copy follows careers' events
    return id;
  }

  async function candidateWithProfile(over: Record<string, unknown> = {}): Promise<Client & { candidateId: string }> {
    const client = await t.candidate('候補者');
    const saved = (await client.ok(SAVE, { input: profile([careers.regionId], over) })).saveMyCandidateProfile;
    return Object.assign(client, { candidateId: saved.id as string });
  }

  async function matched(): Promise<{ candidate: Client & { candidateId: string }; opportunityId: string; matchId: string }> {
    const candidate = await candidateWithProfile();
    const opportunityId = await opportunity();
    const interest = (await candidate.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
    await careers.ok(interestMove('acceptInterest'), { input: { interestId: interest.id } });
    await t.drainOutbox();
    const mine = (await candidate.ok(`{ myMatches { id stage opportunity { id } } }`)).myMatches;
    return { candidate, opportunityId, matchId: mine.find((m: { opportunity: { id: string } }) => m.opportunity.id === opportunityId).id };
  }

  beforeAll(async () => {
    // Staff's reads of contact details go to the access log: a probe takes them here (personal-data.e2e-spec checks them).
    t = await TestApp.start({ extraModules: [ReadLogProbeModule] });
    careers = await t.staff(['CAREERS_MANAGE']);
    coordinator = await t.staff(['MATCHING_COORDINATE'], careers.regionId);
    elsewhere = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    employerId = (
      await careers.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
        input: { organizationId: careers.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
      })
    ).registerEmployer.id;
  });
  afterAll(() => t.close());

  describe('candidate profiles', () => {
    it('creates and replaces the caller\'s profile, recording a change of dual-region stage', async () => {
      const c = await t.candidate('佐藤');
      const first = (await c.ok(SAVE, { input: profile([careers.regionId]) })).saveMyCandidateProfile;
      expect(first).toMatchObject({
        displayName: '佐藤', ageBand: 'FIFTIES', skills: ['マーケティング', 'EC', '英語'], desiredRegions: [{ id: careers.regionId }],
        dualRegionStage: 'EXPLORING', fullName: '佐藤 真理子', phone: '090-1234-5678', email: expect.stringContaining('@'),
      });
      const second = (await c.ok(SAVE, { input: profile([careers.regionId], { dualRegionStage: 'VISITING', skills: ['経理'], phone: null }) }))
        .saveMyCandidateProfile;
      expect(second).toMatchObject({ id: first.id, dualRegionStage: 'VISITING', skills: ['経理'], phone: null });
      expect((await c.ok(`{ myCandidateProfile { id dualRegionStage } }`)).myCandidateProfile).toEqual({ id: first.id, dualRegionStage: 'VISITING' });
      const events = await t.sql(`SELECT type, payload FROM messaging.outbox WHERE aggregate_id = $1 ORDER BY position`, [first.id]);
      expect(events.map((e) => e.type)).toEqual([
        'matching.profile.saved', 'matching.profile.dual-region-stage-changed', 'matching.profile.saved', 'matching.profile.dual-region-stage-changed',
      ]);
      expect(events[3].payload).toMatchObject({ from: 'EXPLORING', to: 'VISITING' });
    });

    it('keeps where the candidate lives: one of the 47 prefectures, kept when omitted, cleared by null, carried by the event', async () => {
      const c = await t.candidate('高橋');
      const SAVE_HOME = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id homePrefecture } }`;
      const first = (await c.ok(SAVE_HOME, { input: profile([careers.regionId], { homePrefecture: '東京都' }) })).saveMyCandidateProfile;
      expect(first.homePrefecture).toBe('東京都');
      // Omitted: the saved one stays.
      expect((await c.ok(SAVE_HOME, { input: profile([careers.regionId], { headline: '英語教師' }) })).saveMyCandidateProfile.homePrefecture).toBe('東京都');
      const bad = await c.gql(SAVE_HOME, { input: profile([careers.regionId], { homePrefecture: '東京' }) });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(['homePrefecture']);
      expect((await c.ok(`{ myCandidateProfile { homePrefecture } }`)).myCandidateProfile.homePrefecture).toBe('東京都');
      expect((await c.ok(SAVE_HOME, { input: profile([careers.regionId], { homePrefecture: '宮城県' }) })).saveMyCandidateProfile.homePrefecture).toBe('宮城県');
      expect((await c.ok(SAVE_HOME, { input: profile([careers.regionId], { homePrefecture: null }) })).saveMyCandidateProfile.homePrefecture).toBeNull();
      const saved = await t.sql(
        `SELECT payload->'homePrefecture' AS home FROM messaging.outbox WHERE aggregate_id = $1 AND type = 'matching.profile.saved' ORDER BY position`,
        [first.id],
      );
      expect(saved.map((e) => e.home)).toEqual(['東京都', '東京都', '宮城県', null]);
    });

    it('refuses bad input naming the fields, staff, and the anonymous', async () => {
      const c = await t.candidate();
      const bad = await c.gql(SAVE, { input: profile(['00000000-0000-4000-8000-000000000000'], { headline: ' ', remoteHoursPerWeek: -1 }) });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields.map((f: { field: string }) => f.field).sort()).toEqual(['headline', 'remoteHoursPerWeek']);
      const region = await c.gql(SAVE, { input: profile(['00000000-0000-4000-8000-000000000000']) });
      expect(region.errors![0].extensions.fields[0].field).toBe('desiredRegionIds');
      expect(codeOf(await careers.gql(SAVE, { input: profile([careers.regionId]) }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(SAVE, { input: profile([careers.regionId]) }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await careers.gql(`{ myCandidateProfile { id } }`))).toBe('FORBIDDEN');
    });
  });

  describe('the copy of opportunities', () => {
    it('follows careers as it publishes, edits and closes, and closes open interests and scouts', async () => {
      const draftId = await opportunity({ title: '下書きの求人' }, false);
      await careers.ok(`mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { id } }`, {
        i: { opportunityId: draftId, title: '編集した求人', skills: ['経理'], onsiteDaysPerMonth: 5 },
      });
      await t.drainOutbox();
      expect(await t.sql(`SELECT title, skills, onsite_days_per_month, status FROM matching.opportunity_copy WHERE id = $1`, [draftId])).toEqual([
        { title: '編集した求人', skills: ['経理'], onsite_days_per_month: 5, status: 'DRAFT' },
      ]);
      const c = await candidateWithProfile();
      const early = await c.gql(EXPRESS, { input: { opportunityId: draftId } });
      expect(codeOf(early)).toBe('CONFLICT');
      expect(early.errors![0].extensions.reason).toBe('OPPORTUNITY_NOT_PUBLISHED');

      await careers.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId: draftId } });
      await careers.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId: draftId } });
      await t.drainOutbox();
      expect((await t.sql(`SELECT status FROM matching.opportunity_copy WHERE id = $1`, [draftId]))[0].status).toBe('PUBLISHED');

      const interest = (await c.ok(EXPRESS, { input: { opportunityId: draftId } })).expressInterest;
      const other = await candidateWithProfile();
      const scout = (await careers.ok(SCOUT, { input: { candidateId: other.candidateId, opportunityId: draftId, message: 'いかがですか' } })).scoutCandidate;
      await careers.ok(`mutation($i: OpportunityIdInput!) { closeOpportunity(input: $i) { id } }`, { i: { opportunityId: draftId } });
      await t.drainOutbox();
      expect((await t.sql(`SELECT status FROM matching.opportunity_copy WHERE id = $1`, [draftId]))[0].status).toBe('CLOSED');
      expect((await c.ok(`{ myInterests { id status } }`)).myInterests).toContainEqual({ id: interest.id, status: 'DECLINED' });
      expect((await other.ok(`{ myScouts { id status } }`)).myScouts).toContainEqual({ id: scout.id, status: 'DECLINED' });
      expect(codeOf(await c.gql(EXPRESS, { input: { opportunityId: draftId } }))).toBe('CONFLICT');
      const recommended = (await c.ok(`{ recommendedOpportunities(first: 50) { opportunity { id } } }`)).recommendedOpportunities;
      expect(recommended.map((r: { opportunity: { id: string } }) => r.opportunity.id)).not.toContain(draftId);
    });
  });

  describe('interest (興味ある) accepted by staff', () => {
    it('makes a match; expressing again returns the same interest', async () => {
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      expect(interest).toMatchObject({ status: 'OPEN', opportunity: { id: opportunityId }, candidate: { id: c.candidateId }, match: null });
      expect((await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest.id).toBe(interest.id);

      const listed = (await careers.ok(`query($id: ID!) { interestsForOpportunity(opportunityId: $id) { totalCount edges { node { id status candidate { id fullName } } } } }`, { id: opportunityId }))
        .interestsForOpportunity;
      expect(listed.totalCount).toBe(1);
      expect(listed.edges[0].node).toEqual({ id: interest.id, status: 'OPEN', candidate: { id: c.candidateId, fullName: null } });

      const accepted = (await careers.ok(interestMove('acceptInterest'), { input: { interestId: interest.id } })).acceptInterest;
      expect(accepted.status).toBe('ACCEPTED');
      await t.drainOutbox(); // the match is its own aggregate, made from the InterestAccepted event
      const mine = (await c.ok(`{ myInterests { id status match { id stage } } myMatches { id stage candidate { id } opportunity { id } } }`));
      expect(mine.myInterests[0]).toMatchObject({ id: interest.id, status: 'ACCEPTED', match: { stage: 'MATCHED' } });
      expect(mine.myMatches).toEqual([{ id: mine.myInterests[0].match.id, stage: 'MATCHED', candidate: { id: c.candidateId }, opportunity: { id: opportunityId } }]);
      const types = (await t.sql(`SELECT type FROM messaging.outbox WHERE type LIKE 'matching.%' AND payload->>'candidateId' = $1 ORDER BY position`, [c.candidateId])).map((r) => r.type);
      expect(types).toEqual(expect.arrayContaining(['matching.interest.expressed', 'matching.interest.accepted', 'matching.match.established']));
      expect(codeOf(await careers.gql(interestMove('acceptInterest'), { input: { interestId: interest.id } }))).toBe('CONFLICT');
    });

    it('keeps one interest when the same candidate clicks 20 times at once', async () => {
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(EXPRESS, { input: { opportunityId } })));
      expect(results.every((r) => !r.errors)).toBe(true);
      expect(new Set(results.map((r) => r.data!.expressInterest.id)).size).toBe(1);
      expect(await t.sql(`SELECT count(*)::int AS n FROM matching.interest WHERE candidate_id = $1`, [c.candidateId])).toEqual([{ n: 1 }]);
    });

    it('refuses the wrong callers and states', async () => {
      const opportunityId = await opportunity();
      const noProfile = await t.candidate();
      const res = await noProfile.gql(EXPRESS, { input: { opportunityId } });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions.reason).toBe('PROFILE_REQUIRED');
      expect(codeOf(await careers.gql(EXPRESS, { input: { opportunityId } }))).toBe('FORBIDDEN');
      const c = await candidateWithProfile();
      expect(codeOf(await c.gql(EXPRESS, { input: { opportunityId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      expect(codeOf(await elsewhere.gql(interestMove('acceptInterest'), { input: { interestId: interest.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await c.gql(interestMove('acceptInterest'), { input: { interestId: interest.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await c.gql(interestMove('declineInterest'), { input: { interestId: interest.id } }))).toBe('FORBIDDEN');
      const stranger = await candidateWithProfile();
      expect(codeOf(await stranger.gql(interestMove('withdrawInterest'), { input: { interestId: interest.id } }))).toBe('NOT_FOUND');
      expect(codeOf(await elsewhere.gql(`query($id: ID!) { interestsForOpportunity(opportunityId: $id) { totalCount } }`, { id: opportunityId }))).toBe('FORBIDDEN');
      expect((await c.ok(interestMove('withdrawInterest'), { input: { interestId: interest.id } })).withdrawInterest.status).toBe('WITHDRAWN');
      expect(codeOf(await c.gql(interestMove('withdrawInterest'), { input: { interestId: interest.id } }))).toBe('CONFLICT');
      // Withdrawn, it can be expressed anew.
      const again = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      expect(again.id).not.toBe(interest.id);
      expect((await coordinator.ok(interestMove('declineInterest'), { input: { interestId: again.id } })).declineInterest.status).toBe('DECLINED');
    });
  });

  describe('scouts accepted by the candidate', () => {
    it('makes a match, sent in the name of the staff member\'s organization', async () => {
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const scout = (await coordinator.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: '一度お話ししませんか' } })).scoutCandidate;
      expect(scout).toMatchObject({ status: 'SENT', sentBy: { id: coordinator.organizationId }, candidate: { id: c.candidateId }, match: null });
      const again = await coordinator.gql(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: 'もう一度' } });
      expect(again.errors![0].extensions.reason).toBe('SCOUT_ALREADY_SENT');
      expect((await c.ok(`{ myScouts { id message status } }`)).myScouts).toEqual([{ id: scout.id, message: '一度お話ししませんか', status: 'SENT' }]);
      expect((await c.ok(RESPOND, { input: { scoutId: scout.id, accept: true } })).respondToScout.status).toBe('ACCEPTED');
      await t.drainOutbox();
      const after = (await c.ok(`{ myScouts { id status match { id stage } } }`)).myScouts[0];
      expect(after.match.stage).toBe('MATCHED');
      expect(codeOf(await c.gql(RESPOND, { input: { scoutId: scout.id, accept: false } }))).toBe('CONFLICT');
    });

    it('refuses staff of another region, candidates, and unknown candidates', async () => {
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const input = { candidateId: c.candidateId, opportunityId, message: 'x' };
      expect(codeOf(await elsewhere.gql(SCOUT, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await c.gql(SCOUT, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await careers.gql(SCOUT, { input: { ...input, candidateId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
      const scout = (await careers.ok(SCOUT, { input })).scoutCandidate;
      const other = await candidateWithProfile();
      expect(codeOf(await other.gql(RESPOND, { input: { scoutId: scout.id, accept: true } }))).toBe('NOT_FOUND');
      expect((await c.ok(RESPOND, { input: { scoutId: scout.id, accept: false } })).respondToScout).toMatchObject({ status: 'DECLINED', match: null });
    });
  });

  describe('the match pipeline', () => {
    it('moves forward only (skipping allowed), keeps the history with notes, and ends at COMPLETED', async () => {
      const { matchId } = await matched();
      const trial = (await careers.ok(ADVANCE, { input: { matchId, stage: 'TRIAL', note: '1週間のお試し勤務' } })).advanceMatch;
      expect(trial.stage).toBe('TRIAL');
      expect(trial.history.map((h: { stage: string; note: string | null }) => [h.stage, h.note])).toEqual([['MATCHED', null], ['TRIAL', '1週間のお試し勤務']]);
      for (const back of ['MATCHED', 'MEETING', 'TRIAL']) {
        const res = await careers.gql(ADVANCE, { input: { matchId, stage: back } });
        expect(codeOf(res)).toBe('CONFLICT');
        expect(res.errors![0].extensions.reason).toBe('INVALID_STATUS_TRANSITION');
      }
      await careers.ok(ADVANCE, { input: { matchId, stage: 'COMPLETED', note: '契約終了' } });
      expect(codeOf(await careers.gql(ADVANCE, { input: { matchId, stage: 'WITHDRAWN' } }))).toBe('CONFLICT');
      const events = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.match.stage-changed' AND aggregate_id = $1 ORDER BY position`, [matchId]);
      expect(events.map((e) => [e.payload.from, e.payload.to])).toEqual([['MATCHED', 'TRIAL'], ['TRIAL', 'COMPLETED']]);
    });

    it('lets any stage before COMPLETED go to WITHDRAWN, and nothing after', async () => {
      const { matchId } = await matched();
      await careers.ok(ADVANCE, { input: { matchId, stage: 'ENGAGED' } });
      expect((await careers.ok(ADVANCE, { input: { matchId, stage: 'WITHDRAWN', note: '家庭の事情' } })).advanceMatch.stage).toBe('WITHDRAWN');
      expect(codeOf(await careers.gql(ADVANCE, { input: { matchId, stage: 'COMPLETED' } }))).toBe('CONFLICT');
    });

    it('never loses a step under concurrent moves: each success is in the history, the losers get CONFLICT', async () => {
      const { matchId } = await matched();
      const stages = ['MEETING', 'TRIAL', 'ENGAGED', 'MEETING', 'TRIAL', 'ENGAGED', 'MEETING', 'TRIAL', 'ENGAGED', 'COMPLETED'];
      const results = await Promise.all(stages.map((stage) => careers.gql(ADVANCE, { input: { matchId, stage } })));
      const ok = results.filter((r) => !r.errors);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r.errors).every((r) => codeOf(r) === 'CONFLICT')).toBe(true);
      const history = await t.sql(`SELECT seq, stage FROM matching.match_stage_change WHERE match_id = $1 ORDER BY seq`, [matchId]);
      expect(history).toHaveLength(1 + ok.length);
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      const [row] = await t.sql(`SELECT stage, version FROM matching.match WHERE id = $1`, [matchId]);
      expect(row.stage).toBe(history[history.length - 1].stage);
      expect(row.version).toBe(1 + ok.length);
    });

    it('refuses staff of another region and candidates', async () => {
      const { matchId, candidate } = await matched();
      expect(codeOf(await elsewhere.gql(ADVANCE, { input: { matchId, stage: 'MEETING' } }))).toBe('NOT_FOUND');
      expect(codeOf(await candidate.gql(ADVANCE, { input: { matchId, stage: 'MEETING' } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(ADVANCE, { input: { matchId, stage: 'MEETING' } }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('coordinator and messages', () => {
    it('assigns a MATCHING_COORDINATE coordinator who may then move the match and write', async () => {
      const { matchId, candidate } = await matched();
      const assigned = (await coordinator.ok(ASSIGN, { input: { matchId, coordinatorAccountId: coordinator.accountId } })).assignCoordinator;
      expect(assigned.coordinator.id).toBe(coordinator.accountId);
      const bad = await coordinator.gql(ASSIGN, { input: { matchId, coordinatorAccountId: careers.accountId } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields[0].field).toBe('coordinatorAccountId');
      expect(codeOf(await careers.gql(ASSIGN, { input: { matchId, coordinatorAccountId: coordinator.accountId } }))).toBe('FORBIDDEN');

      await coordinator.ok(ADVANCE, { input: { matchId, stage: 'MEETING', note: '面談日程を調整' } });
      await candidate.ok(MESSAGE, { input: { matchId, body: 'よろしくお願いします' } });
      await coordinator.ok(MESSAGE, { input: { matchId, body: '来週の火曜はいかがですか' } });
      const sent = (await careers.ok(MESSAGE, { input: { matchId, body: '工場長も同席します' } })).sendMessage;
      expect(sent).toMatchObject({ authorDisplayName: 'スタッフ', body: '工場長も同席します' });
      const seen = (await candidate.ok(MATCH, { id: matchId })).match;
      expect(seen.messages.map((m: { body: string }) => m.body)).toEqual(['よろしくお願いします', '来週の火曜はいかがですか', '工場長も同席します']);
      expect(seen.coordinator.id).toBe(coordinator.accountId);
      const stranger = await candidateWithProfile();
      expect(codeOf(await stranger.gql(MESSAGE, { input: { matchId, body: 'x' } }))).toBe('NOT_FOUND');
      expect(codeOf(await elsewhere.gql(MATCH, { id: matchId }))).toBe('NOT_FOUND');
      expect(codeOf(await candidate.gql(MESSAGE, { input: { matchId, body: ' ' } }))).toBe('BAD_USER_INPUT');
    });

    it('lists the region\'s matches for staff, filtered', async () => {
      const { matchId, opportunityId } = await matched();
      const list = (await careers.ok(`query($f: MatchFilter) { matches(filter: $f) { totalCount edges { node { id stage } } } }`, { f: { opportunityId } })).matches;
      expect(list).toEqual({ totalCount: 1, edges: [{ node: { id: matchId, stage: 'MATCHED' } }] });
      expect((await elsewhere.ok(`query($f: MatchFilter) { matches(filter: $f) { totalCount } }`, { f: { opportunityId } })).matches.totalCount).toBe(0);
      expect((await careers.ok(`query($f: MatchFilter) { matches(filter: $f) { totalCount } }`, { f: { opportunityId, stages: ['ENGAGED'] } })).matches.totalCount).toBe(0);
    });
  });

  describe('personal data', () => {
    it('shows fullName, email and phone only to the candidate, an ADMIN and staff of the region\'s organizations a live match gave them to', async () => {
      const c = await candidateWithProfile();
      const sameRegionOtherStaff = await t.staff(['MATCHING_COORDINATE'], careers.regionId);
      const hidden = { fullName: null, email: null, phone: null };
      expect((await careers.ok(CANDIDATE, { id: c.candidateId })).candidate).toMatchObject({ headline: '食品メーカーで25年、マーケティング一筋', ...hidden });
      expect((await (await t.admin()).ok(CANDIDATE, { id: c.candidateId })).candidate.fullName).toBe('佐藤 真理子');
      expect(codeOf(await c.gql(CANDIDATE, { id: c.candidateId }))).toBe('FORBIDDEN');
      expect(codeOf(await (await t.staff(['EVENTS_MANAGE'])).gql(CANDIDATE, { id: c.candidateId }))).toBe('FORBIDDEN');

      const opportunityId = await opportunity();
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      await careers.ok(interestMove('acceptInterest'), { input: { interestId: interest.id } });
      await t.drainOutbox();
      const visible = { fullName: '佐藤 真理子', phone: '090-1234-5678' };
      expect((await careers.ok(CANDIDATE, { id: c.candidateId })).candidate).toMatchObject(visible);
      expect((await sameRegionOtherStaff.ok(CANDIDATE, { id: c.candidateId })).candidate).toMatchObject(visible);
      // Staff of a region the candidate neither desires nor has a match in do not find the profile at all (contract 90-privacy).
      expect((await elsewhere.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();

      const matchId = (await c.ok(`{ myMatches { id } }`)).myMatches[0].id;
      await careers.ok(ADVANCE, { input: { matchId, stage: 'WITHDRAWN' } });
      expect((await careers.ok(CANDIDATE, { id: c.candidateId })).candidate).toMatchObject(hidden);
      expect((await c.ok(`{ myCandidateProfile { fullName phone } }`)).myCandidateProfile).toEqual(visible);
    });
  });

  describe('recommendations', () => {
    it('ranks opportunities for a candidate with reasons, leaving out those already interested in', async () => {
      const region = careers.regionId;
      const fit = await opportunity({ title: 'ぴったりの求人', skills: ['マーケティング', 'EC'], workStyle: 'SIDE_JOB', onsiteDaysPerMonth: 2 });
      const half = await opportunity({ title: 'まあまあの求人', skills: ['マーケティング'], workStyle: 'JOB_CHANGE', remoteOk: false, onsiteDaysPerMonth: 20 });
      const c = await candidateWithProfile({ skills: ['マーケティング', 'ＥＣ'], desiredWorkStyles: ['SIDE_JOB'], onsiteDaysPerMonth: 3, remoteHoursPerWeek: 10 });
      const recs = (await c.ok(`{ recommendedOpportunities(first: 50) { score reasons opportunity { id title } } }`)).recommendedOpportunities;
      const ids = recs.map((r: { opportunity: { id: string } }) => r.opportunity.id);
      expect(ids.indexOf(fit)).toBeLessThan(ids.indexOf(half));
      const scores = recs.map((r: { score: number }) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const top = recs.find((r: { opportunity: { id: string } }) => r.opportunity.id === fit);
      expect(top.reasons).toEqual(expect.arrayContaining(['スキルが一致: マーケティング、EC', '希望の働き方(副業・兼業)', 'リモート可(週10時間まで対応できる)']));
      expect(top.reasons.some((r: string) => r.startsWith('希望地域の仕事'))).toBe(true);
      const other = recs.find((r: { opportunity: { id: string } }) => r.opportunity.id === half);
      expect(other.reasons).toEqual(['スキルが一致: マーケティング', expect.stringMatching(/^希望地域の仕事/)]);

      // The SQL that ranks and the function that explains give every pair the same score.
      const [p] = await t.sql(`SELECT * FROM matching.candidate_profile WHERE id = $1`, [c.candidateId]);
      const { rows: ranked } = await t.app.get(RecommendationReadModel).rankOpportunities(
        {
          candidateId: p.id, skills: p.skills_norm, desiredWorkStyles: p.desired_work_styles, remoteHoursPerWeek: p.remote_hours_per_week,
          onsiteDaysPerMonth: p.onsite_days_per_month, desiredRegionIds: p.desired_region_ids, attendedRegionIds: [],
        },
        50,
        'full',
      );
      const sqlScores = Object.fromEntries(ranked.map((r) => [r.id, r.score]));
      for (const r of recs) expect({ id: r.opportunity.id, score: sqlScores[r.opportunity.id] }).toEqual({ id: r.opportunity.id, score: r.score });

      await c.ok(EXPRESS, { input: { opportunityId: fit } });
      const after = (await c.ok(`{ recommendedOpportunities(first: 50) { opportunity { id } } }`)).recommendedOpportunities;
      expect(after.map((r: { opportunity: { id: string } }) => r.opportunity.id)).not.toContain(fit);
      expect(codeOf(await careers.gql(`{ recommendedOpportunities { score } }`))).toBe('FORBIDDEN');
      expect(codeOf(await c.gql(`{ recommendedOpportunities(first: 0) { score } }`))).toBe('BAD_USER_INPUT');
      void region;
    });

    it('counts an event attended in the region, learned from the events module\'s check-in', async () => {
      const opportunityId = await opportunity({ title: 'イベント参加者向けの求人', skills: ['接客'], workStyle: 'STARTUP', onsiteDaysPerMonth: 20, remoteOk: false });
      const c = await candidateWithProfile({ skills: ['経理'], desiredWorkStyles: ['PRO_BONO'], desiredRegionIds: [], onsiteDaysPerMonth: 1 });
      const reasonsFor = async () =>
        (await c.ok(`{ recommendedOpportunities(first: 50) { reasons opportunity { id } } }`)).recommendedOpportunities.find(
          (r: { opportunity: { id: string } }) => r.opportunity.id === opportunityId,
        )?.reasons ?? [];
      expect((await reasonsFor()).some((r: string) => r.endsWith('イベントに参加したことがある'))).toBe(false);

      const organizer = await t.staff(['EVENTS_MANAGE'], careers.regionId);
      const eventId = await openEvent(organizer, { capacity: 5 });
      const registration = (await c.ok(REGISTER, { id: eventId })).registerForEvent;
      await organizer.ok(CHECK_IN, { id: registration.id });
      await t.drainOutbox();
      expect(await t.sql(`SELECT region_id FROM matching.attendance WHERE event_id = $1`, [eventId])).toEqual([{ region_id: careers.regionId }]);
      expect(await reasonsFor()).toContainEqual(expect.stringMatching(/^.+のイベントに参加したことがある$/));
    });

    it('ranks candidates for an opportunity for its region\'s staff', async () => {
      const opportunityId = await opportunity({ skills: ['経理', '財務'], workStyle: 'SIDE_JOB', onsiteDaysPerMonth: 1 });
      const strong = await candidateWithProfile({ skills: ['経理', '財務'], desiredWorkStyles: ['SIDE_JOB'], onsiteDaysPerMonth: 2 });
      const weak = await candidateWithProfile({ skills: ['営業'], desiredWorkStyles: ['STARTUP'], onsiteDaysPerMonth: 0, remoteHoursPerWeek: 0 });
      // A profile is shown to staff of the regions it desires (or has a match in) only.
      const elsewhereOnly = await candidateWithProfile({ skills: ['経理', '財務'], desiredWorkStyles: ['SIDE_JOB'], desiredRegionIds: [elsewhere.regionId] });
      const recs = (await careers.ok(`query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 50) { score reasons candidate { id fullName } } }`, { id: opportunityId }))
        .recommendedCandidates;
      const ids = recs.map((r: { candidate: { id: string } }) => r.candidate.id);
      expect(ids.indexOf(strong.candidateId)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(strong.candidateId)).toBeLessThan(ids.indexOf(weak.candidateId));
      expect(ids).not.toContain(elsewhereOnly.candidateId);
      const first = recs.find((r: { candidate: { id: string } }) => r.candidate.id === strong.candidateId);
      expect(first.reasons[0]).toBe('スキルが一致: 経理、財務');
      expect(first.candidate.fullName).toBeNull(); // no match yet
      expect(codeOf(await elsewhere.gql(`query($id: ID!) { recommendedCandidates(opportunityId: $id) { score } }`, { id: opportunityId }))).toBe('FORBIDDEN');
    });
  });

  describe('refusals and paging', () => {
    it('answers every operation with UNAUTHENTICATED for the anonymous', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const anon = t.anonymous();
      const ops: Array<[string, Record<string, unknown>?]> = [
        [`{ myCandidateProfile { id } }`], [`{ myInterests { id } }`], [`{ myScouts { id } }`], [`{ myMatches { id } }`],
        [`query($id: ID!) { candidate(id: $id) { id } }`, { id }],
        [`query($id: ID!) { interestsForOpportunity(opportunityId: $id) { totalCount } }`, { id }],
        [`{ matches { totalCount } }`], [`query($id: ID!) { match(id: $id) { id } }`, { id }],
        [`{ recommendedOpportunities { score } }`], [`query($id: ID!) { recommendedCandidates(opportunityId: $id) { score } }`, { id }],
        [SAVE, { input: profile([careers.regionId]) }], [EXPRESS, { input: { opportunityId: id } }],
        [interestMove('withdrawInterest'), { input: { interestId: id } }], [interestMove('acceptInterest'), { input: { interestId: id } }],
        [interestMove('declineInterest'), { input: { interestId: id } }],
        [SCOUT, { input: { candidateId: id, opportunityId: id, message: 'x' } }], [RESPOND, { input: { scoutId: id, accept: true } }],
        [ADVANCE, { input: { matchId: id, stage: 'MEETING' } }], [ASSIGN, { input: { matchId: id, coordinatorAccountId: id } }],
        [MESSAGE, { input: { matchId: id, body: 'x' } }],
      ];
      for (const [query, variables] of ops) expect({ query, code: codeOf(await anon.gql(query, variables)) }).toEqual({ query, code: 'UNAUTHENTICATED' });
    });

    it('keeps candidate views from staff and staff lists from candidates', async () => {
      for (const q of [`{ myInterests { id } }`, `{ myScouts { id } }`, `{ myMatches { id } }`]) expect(codeOf(await careers.gql(q))).toBe('FORBIDDEN');
      const c = await candidateWithProfile();
      expect(codeOf(await c.gql(`{ matches { totalCount } }`))).toBe('FORBIDDEN');
    });

    it('refuses to accept an interest or a scout once the opportunity closed', async () => {
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      const scout = (await careers.ok(SCOUT, { input: { candidateId: (await candidateWithProfile()).candidateId, opportunityId, message: 'x' } })).scoutCandidate;
      await careers.ok(`mutation($i: OpportunityIdInput!) { closeOpportunity(input: $i) { id } }`, { i: { opportunityId } });
      await t.drainOutbox();
      const res = await careers.gql(interestMove('acceptInterest'), { input: { interestId: interest.id } });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(await t.sql(`SELECT status FROM matching.scout WHERE id = $1`, [scout.id])).toEqual([{ status: 'DECLINED' }]);
      expect(await t.sql(`SELECT count(*)::int AS n FROM matching.match WHERE opportunity_id = $1`, [opportunityId])).toEqual([{ n: 0 }]);
    });

    it('pages through interests and matches with their cursors, no row skipped or repeated', async () => {
      const opportunityId = await opportunity();
      const interests: string[] = [];
      for (let i = 0; i < 5; i++) interests.push((await (await candidateWithProfile()).ok(EXPRESS, { input: { opportunityId } })).expressInterest.id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = (await careers.ok(`query($id: ID!, $after: String) { interestsForOpportunity(opportunityId: $id, first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { id: opportunityId, after })).interestsForOpportunity;
        expect(page.totalCount).toBe(5);
        seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(interests);
      for (const id of interests) await careers.ok(interestMove('acceptInterest'), { input: { interestId: id } });
      await t.drainOutbox();
      const matchIds: string[] = [];
      after = null;
      do {
        const page: any = (await careers.ok(`query($f: MatchFilter, $after: String) { matches(filter: $f, first: 2, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { f: { opportunityId }, after })).matches;
        matchIds.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(matchIds).toHaveLength(5);
      expect(new Set(matchIds).size).toBe(5);
      const forged = Buffer.from(JSON.stringify(['2025-02-30 10:00:00+00', matchIds[0]])).toString('base64url');
      const bad = await careers.gql(`query($a: String) { matches(after: $a) { totalCount } }`, { a: forged });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    });

    it('writes a ScoutSent event and shows the email to the region\'s staff once matched', async () => {
      const { candidate, matchId } = await matched();
      const me = (await candidate.ok(`{ myCandidateProfile { id email } me { email } }`));
      expect(me.myCandidateProfile.email).toBe(me.me.email);
      expect((await careers.ok(MATCH, { id: matchId })).match.candidate.email).toBe(me.me.email);
      const c = await candidateWithProfile();
      const opportunityId = await opportunity();
      const scout = (await careers.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: 'x' } })).scoutCandidate;
      const [event] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.scout.sent' AND aggregate_id = $1`, [scout.id]);
      expect(event.payload).toMatchObject({ scoutId: scout.id, candidateId: c.candidateId, opportunityId, regionId: careers.regionId, organizationId: careers.organizationId });
    });
  });
});
