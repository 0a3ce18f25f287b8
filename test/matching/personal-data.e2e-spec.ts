import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ExportMatchingPersonalDataQuery } from '#libs/contracts/matching/personal-data.js';
import { AccountErasureRequested, ConsentChanged, ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/index.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import { ReadLogProbeModule, capturedReads } from './personal-data-reads.fixtures.js';

// Contract 90-privacy as matching keeps it: the MATCHING consent (matching's copy, from
// privacy.consent.changed) decides who finds a profile; a match gives the contact details to
// the organizations its provision facts name; staff's reads of them go to the access log;
// the person's export; their erasure.

type Staff = Client & { organizationId: string; regionId: string };
type Candidate = Client & { candidateId: string; accountId: string };

const SAVE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`;
const EXPRESS = `mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`;
const ACCEPT = `mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`;
const SCOUT = `mutation($input: ScoutCandidateInput!) { scoutCandidate(input: $input) { id sentBy { id } } }`;
const RESPOND = `mutation($input: RespondToScoutInput!) { respondToScout(input: $input) { id status } }`;
const ADVANCE = `mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id stage } }`;
const MESSAGE = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
const CANDIDATE = `query($id: ID!) { candidate(id: $id) { id fullName email phone } }`;
const MATCH = `query($id: ID!) { match(id: $id) { id stage candidate { id displayName fullName email phone } } }`;
const RECOMMEND = `query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 50) { candidate { id } } }`;

const profile = (regionIds: string[], over: Record<string, unknown> = {}) => ({
  fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: '食品メーカーで25年', careerSummary: '商品企画を担当。', skills: ['マーケティング', 'EC'],
  desiredWorkStyles: ['SIDE_JOB'], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 3, desiredRegionIds: regionIds, dualRegionStage: 'EXPLORING',
  phone: '090-1234-5678', ...over,
});

describe('matching and personal data (contract 90-privacy)', () => {
  let t: TestApp;
  let employer: Staff; // CAREERS_MANAGE; its organization manages the employer of every opportunity here
  let city: Staff; // MATCHING_COORDINATE in the same region
  let centre: Staff; // CAREERS_MANAGE in the same region
  let elsewhere: Staff; // another region
  let employerId: string;
  let clock = Date.UTC(2026, 0, 1);
  let versions = 0;

  /** privacy's event, as the privacy module writes it when the person answers. */
  /** Each change of an answer gets a higher version, as privacy numbers them; `version` overrides it (an old change delivered late). */
  const answer = async (
    c: Candidate, organizationId: string | null, granted: boolean, purpose: 'MATCHING' | 'CONSORTIUM_SHARING' = 'MATCHING', version = ++versions,
  ) => {
    const at = new Date((clock += 60_000));
    await t.publish([ConsentChanged.create(c.accountId, { accountId: c.accountId, purpose, organizationId, granted, at: at.toISOString(), version })]);
    await t.drainAll();
  };

  async function opportunity(): Promise<string> {
    const id = (
      await employer.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
        input: { employerId, title: '海外向けECの責任者', description: '冷凍カツオの海外EC', workStyle: 'SIDE_JOB', skills: ['マーケティング', 'EC'], remoteOk: true, onsiteDaysPerMonth: 2 },
      })
    ).draftOpportunity.id;
    await employer.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId: id } });
    await employer.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId: id } });
    await t.drainAll();
    return id;
  }

  async function candidate(over: Record<string, unknown> = {}, displayName = '候補者'): Promise<Candidate> {
    const client = await t.candidate(displayName);
    const saved = (await client.ok(SAVE, { input: profile([employer.regionId], over) })).saveMyCandidateProfile;
    return Object.assign(client, { candidateId: saved.id as string, accountId: client.accountId! });
  }

  async function matchedBy(c: Candidate, opportunityId: string): Promise<string> {
    const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
    await employer.ok(ACCEPT, { input: { interestId: interest.id } });
    await t.drainAll();
    const [row] = await t.sql(`SELECT id FROM matching.match WHERE origin_id = $1`, [interest.id]);
    return row.id;
  }

  beforeAll(async () => {
    t = await TestApp.start({ extraModules: [ReadLogProbeModule] });
    employer = await t.staff(['CAREERS_MANAGE']);
    city = await t.staff(['MATCHING_COORDINATE'], employer.regionId);
    centre = await t.staff(['CAREERS_MANAGE'], employer.regionId);
    elsewhere = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    employerId = (
      await employer.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
        input: { organizationId: employer.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
      })
    ).registerEmployer.id;
    await t.drainAll();
  });
  afterAll(() => t.close());

  describe('MATCHING consent', () => {
    it('holds once the profile is saved: the desired region\'s staff find, recommend and scout the profile; other regions\' do not', async () => {
      const c = await candidate();
      const opportunityId = await opportunity();
      for (const staff of [employer, city, centre]) expect((await staff.ok(CANDIDATE, { id: c.candidateId })).candidate).toMatchObject({ id: c.candidateId, fullName: null });
      expect((await elsewhere.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      const recommended = (await centre.ok(RECOMMEND, { id: opportunityId })).recommendedCandidates;
      expect(recommended.map((r: { candidate: { id: string } }) => r.candidate.id)).toContain(c.candidateId);
      expect((await centre.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: 'いかがですか' } })).scoutCandidate.sentBy.id).toBe(
        centre.organizationId,
      );
    });

    it('withdrawn for one organization (or every one), takes the profile out of its lookups, recommendations and scouts; its own answer wins', async () => {
      const c = await candidate();
      const opportunityId = await opportunity();
      const ids = async (staff: Staff) => (await staff.ok(RECOMMEND, { id: opportunityId })).recommendedCandidates.map((r: { candidate: { id: string } }) => r.candidate.id);
      const scout = (staff: Staff) => staff.gql(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: 'いかがですか' } });

      await answer(c, centre.organizationId, false);
      expect((await centre.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      expect(await ids(centre)).not.toContain(c.candidateId);
      expect(codeOf(await scout(centre))).toBe('NOT_FOUND');
      expect((await employer.ok(CANDIDATE, { id: c.candidateId })).candidate).not.toBeNull();
      expect(await ids(employer)).toContain(c.candidateId);

      // Withdrawn for every organization; then granted again to the employer's alone (its own answer wins).
      await answer(c, null, false);
      for (const staff of [employer, city]) expect((await staff.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      expect(await ids(employer)).not.toContain(c.candidateId);
      expect(codeOf(await scout(employer))).toBe('NOT_FOUND');
      await answer(c, employer.organizationId, true);
      expect((await employer.ok(CANDIDATE, { id: c.candidateId })).candidate).not.toBeNull();
      expect((await city.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      expect(await ids(employer)).toContain(c.candidateId);

      // An older answer arriving late changes nothing; other purposes are not matching's.
      await answer(c, employer.organizationId, false, 'MATCHING', 0);
      await answer(c, employer.organizationId, false, 'CONSORTIUM_SHARING');
      expect((await employer.ok(CANDIDATE, { id: c.candidateId })).candidate).not.toBeNull();
      const kept = await t.sql(`SELECT organization_id, granted FROM matching.consent WHERE account_id = $1`, [c.accountId]);
      expect(kept).toHaveLength(3);
      expect(kept).toEqual(
        expect.arrayContaining([
          { organization_id: null, granted: false }, { organization_id: centre.organizationId, granted: false },
          { organization_id: employer.organizationId, granted: true },
        ]),
      );

      // The person's own acts still reach the employer: an interest is theirs to express.
      await answer(c, null, true);
      await answer(c, employer.organizationId, false);
      expect((await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest.id).toBeDefined();
      const listed = (await employer.ok(`query($id: ID!) { interestsForOpportunity(opportunityId: $id) { edges { node { candidate { id } } } } }`, { id: opportunityId }))
        .interestsForOpportunity.edges;
      expect(listed.map((e: { node: { candidate: { id: string } } }) => e.node.candidate.id)).toContain(c.candidateId);
    });
  });

  describe('provision records of a match', () => {
    it('gives the contact details to the employer\'s organization (REQUEST) and to the region\'s organizations MATCHING covers (CONSENT)', async () => {
      const c = await candidate();
      await answer(c, centre.organizationId, false);
      const matchId = await matchedBy(c, await opportunity());
      const [event] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.match.established' AND aggregate_id = $1`, [matchId]);
      const fact = (organizationId: string, basis: string) => ({
        subjectAccountId: c.accountId, recipientOrganizationId: organizationId, recipientAccountId: null, purpose: '就労マッチングの連絡・調整のため',
        fields: ['fullName', 'email', 'phone'], basis, occasion: 'match', occasionId: matchId,
      });
      expect(event.payload.provided).toEqual([fact(employer.organizationId, 'REQUEST'), fact(city.organizationId, 'CONSENT')]);

      // Those it names see them while it lives; the centre (withdrawn) and another region do not.
      const email = (await c.ok(`{ me { email } }`)).me.email;
      for (const staff of [employer, city]) {
        expect((await staff.ok(MATCH, { id: matchId })).match.candidate).toMatchObject({ fullName: '佐藤 真理子', email, phone: '090-1234-5678' });
      }
      expect((await centre.ok(MATCH, { id: matchId })).match.candidate).toMatchObject({ fullName: null, email: null, phone: null });
      expect(codeOf(await elsewhere.gql(MATCH, { id: matchId }))).toBe('NOT_FOUND');
      // An organization that joins the region later received nothing and sees nothing.
      const latecomer = await t.staff(['CAREERS_MANAGE'], employer.regionId);
      expect((await latecomer.ok(MATCH, { id: matchId })).match.candidate.fullName).toBeNull();
    });

    it('names the employer\'s organization REQUEST for an accepted scout too, and lists only the fields the person gave', async () => {
      const c = await candidate({ phone: null });
      const opportunityId = await opportunity();
      const scout = (await city.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId, message: '一度お話ししませんか' } })).scoutCandidate;
      await c.ok(RESPOND, { input: { scoutId: scout.id, accept: true } });
      await t.drainAll();
      const [event] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.match.established' AND payload->>'originId' = $1`, [scout.id]);
      const facts = event.payload.provided.map((f: { recipientOrganizationId: string; basis: string; fields: string[] }) => [f.recipientOrganizationId, f.basis, f.fields]);
      // The scout came from the city; the person's yes was addressed to the opportunity's employer.
      expect(facts[0]).toEqual([employer.organizationId, 'REQUEST', ['fullName', 'email']]);
      expect(facts.slice(1)).toEqual(
        expect.arrayContaining([[city.organizationId, 'CONSENT', ['fullName', 'email']], [centre.organizationId, 'CONSENT', ['fullName', 'email']]]),
      );
      expect(facts.filter((f: string[]) => f[1] === 'REQUEST')).toHaveLength(1);
    });

    it('withdrawn MATCHING keeps a live match\'s contact details for those it gave them to, until WITHDRAWN or COMPLETED', async () => {
      const c = await candidate();
      const live = await matchedBy(c, await opportunity());
      const done = await matchedBy(c, await opportunity());
      await employer.ok(ADVANCE, { input: { matchId: done, stage: 'COMPLETED' } });
      // Granted: a COMPLETED match still shows them (contract 40-matching).
      expect((await employer.ok(MATCH, { id: done })).match.candidate.fullName).toBe('佐藤 真理子');
      await answer(c, null, false);
      expect((await employer.ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      // The profile's contact details are one: the live match keeps them visible wherever the profile shows.
      for (const matchId of [live, done]) {
        expect((await employer.ok(MATCH, { id: matchId })).match.candidate).toMatchObject({ fullName: '佐藤 真理子', phone: '090-1234-5678' });
      }
      await employer.ok(ADVANCE, { input: { matchId: live, stage: 'COMPLETED' } });
      for (const matchId of [live, done]) {
        expect((await employer.ok(MATCH, { id: matchId })).match.candidate).toMatchObject({ fullName: null, email: null, phone: null });
      }
      expect((await c.ok(`{ myCandidateProfile { fullName } }`)).myCandidateProfile.fullName).toBe('佐藤 真理子');
    });
  });

  describe('the access log', () => {
    it('records each read of another person\'s fullName, email or phone, by field and operation, and nothing else', async () => {
      const c = await candidate({ phone: null });
      const matchId = await matchedBy(c, await opportunity());
      capturedReads.length = 0;
      await c.ok(`{ myCandidateProfile { fullName email phone } myMatches { candidate { fullName } } }`);
      await centre.ok(CANDIDATE, { id: (await candidate()).candidateId }); // nulls: nothing read
      expect(capturedReads).toEqual([]);

      await employer.ok(`query($id: ID!) { m: match(id: $id) { candidate { fullName email phone } } }`, { id: matchId });
      const read = (readerAccountId: string, field: string, via: string) => ({ readerAccountId, subjectAccountId: c.accountId, fields: [field], via });
      // The alias is not the operation: the root field's name is. Phone was never given: nothing read.
      expect(capturedReads).toHaveLength(2);
      expect(capturedReads).toEqual(expect.arrayContaining([read(employer.accountId!, 'fullName', 'match.fullName'), read(employer.accountId!, 'email', 'match.email')]));
      capturedReads.length = 0;
      const admin = await t.admin();
      await admin.ok(`query($id: ID!) { candidate(id: $id) { fullName } }`, { id: c.candidateId });
      expect(capturedReads).toEqual([read(admin.accountId!, 'fullName', 'candidate.fullName')]);
    });
  });

  describe('export', () => {
    it('answers ExportMatchingPersonalDataQuery with everything matching holds about the account, as plain JSON', async () => {
      const c = await candidate({ homePrefecture: '東京都' }, 'エクスポート');
      const matchId = await matchedBy(c, await opportunity());
      await employer.ok(ADVANCE, { input: { matchId, stage: 'MEETING', note: '面談を調整' } });
      await c.ok(MESSAGE, { input: { matchId, body: 'よろしくお願いします' } });
      await employer.ok(MESSAGE, { input: { matchId, body: '来週はいかがですか' } });
      const opportunityId = await opportunity();
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      const scout = (await city.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId: await opportunity(), message: 'スカウトです' } })).scoutCandidate;
      await answer(c, centre.organizationId, false);
      await t.sql(`INSERT INTO matching.attendance (account_id, event_id, region_id, attended_at) VALUES ($1, $2, $3, now())`, [c.accountId, randomUUID(), employer.regionId]);

      const section = await t.app.get(QueryBus).execute(new ExportMatchingPersonalDataQuery(c.accountId));
      expect(JSON.parse(JSON.stringify(section))).toEqual(section); // plain JSON values
      const email = (await c.ok(`{ me { email } }`)).me.email;
      expect(section.profile).toMatchObject({
        id: c.candidateId, displayName: 'エクスポート', fullName: '佐藤 真理子', email, phone: '090-1234-5678', homePrefecture: '東京都',
        skills: ['マーケティング', 'EC'], createdAt: expect.stringMatching(/Z$/),
      });
      expect(section.profile).not.toHaveProperty('version');
      // The centre's own answer, and the grant the profile form gave for every organization (privacy's answer, copied).
      expect(section.matchingConsents).toEqual(expect.arrayContaining([
        { organizationId: centre.organizationId, granted: false, at: expect.any(String) },
        { organizationId: null, granted: true, at: expect.any(String) },
      ]));
      expect(section.matchingConsents).toHaveLength(2);
      expect(section.interests).toEqual(expect.arrayContaining([expect.objectContaining({ id: interest.id, status: 'OPEN', opportunityTitle: '海外向けECの責任者' })]));
      expect(section.scouts).toEqual([expect.objectContaining({ id: scout.id, message: 'スカウトです', status: 'SENT', sentByOrganizationId: city.organizationId })]);
      expect(section.matches).toEqual([
        expect.objectContaining({
          id: matchId, stage: 'MEETING', origin: 'INTEREST',
          contactDetailsGivenToOrganizationIds: expect.arrayContaining([employer.organizationId, city.organizationId, centre.organizationId]),
          history: [{ stage: 'MATCHED', note: null, changedAt: expect.any(String) }, { stage: 'MEETING', note: '面談を調整', changedAt: expect.any(String) }],
          messages: [
            { id: expect.any(String), authorDisplayName: 'エクスポート', writtenByMe: true, body: 'よろしくお願いします', sentAt: expect.any(String) },
            { id: expect.any(String), authorDisplayName: 'スタッフ', writtenByMe: false, body: '来週はいかがですか', sentAt: expect.any(String) },
          ],
        }),
      ]);
      expect(section.eventsAttended).toEqual([{ eventId: expect.any(String), regionId: employer.regionId, attendedAt: expect.any(String) }]);
      expect(section.regionStays).toEqual([]);
      expect(await t.app.get(QueryBus).execute(new ExportMatchingPersonalDataQuery(randomUUID()))).toMatchObject({ profile: null, matches: [] });
    });
  });

  describe('erasure', () => {
    const FULL_NAME = '消去 花子';
    const DISPLAY_NAME = 'はなこ消去';
    const PHONE = '090-9876-5432';

    /** Every column of the matching schema, and matching's payloads in the log, that hold `needle`. */
    const whereIs = (needle: string) => personalDataTraces(t, [needle], { schemas: ['matching'], outboxSources: ['matching'] });

    it('releases what the person held as their own acts would, and leaves no name, email or phone of theirs in matching', async () => {
      const c = await candidate({ fullName: FULL_NAME, phone: PHONE, homePrefecture: '宮城県' }, DISPLAY_NAME);
      const email = (await c.ok(`{ me { email } }`)).me.email;
      // A live match with words from both sides, a completed one, an OPEN interest, an unanswered scout.
      const live = await matchedBy(c, await opportunity());
      await employer.ok(ADVANCE, { input: { matchId: live, stage: 'MEETING', note: `${FULL_NAME}さんと面談(${PHONE})` } });
      await c.ok(MESSAGE, { input: { matchId: live, body: `${DISPLAY_NAME}です。連絡先は ${email} / ${PHONE}` } });
      await employer.ok(MESSAGE, { input: { matchId: live, body: `${FULL_NAME}さん、来週はいかがですか` } });
      const done = await matchedBy(c, await opportunity());
      await employer.ok(ADVANCE, { input: { matchId: done, stage: 'COMPLETED', note: `${FULL_NAME}さん、お疲れさまでした` } });
      const interest = (await c.ok(EXPRESS, { input: { opportunityId: await opportunity() } })).expressInterest;
      const scout = (await city.ok(SCOUT, { input: { candidateId: c.candidateId, opportunityId: await opportunity(), message: `${FULL_NAME}様、いかがですか` } }))
        .scoutCandidate;
      await t.sql(`INSERT INTO matching.attendance (account_id, event_id, region_id, attended_at) VALUES ($1, $2, $3, now())`, [c.accountId, randomUUID(), employer.regionId]);
      for (const needle of [FULL_NAME, DISPLAY_NAME, email, PHONE]) expect(await whereIs(needle)).not.toEqual([]);

      await t.publish([AccountErasureRequested.create(c.accountId, { accountId: c.accountId, requestedAt: new Date().toISOString() })]);
      await t.drainAll();

      // Released as the person's own acts: the live match WITHDRAWN (by them), the interest WITHDRAWN, the scout DECLINED by the candidate.
      expect(await t.sql(`SELECT id, stage FROM matching.match WHERE candidate_id = $1 ORDER BY created_at`, [c.candidateId])).toEqual([
        { id: live, stage: 'WITHDRAWN' }, { id: done, stage: 'COMPLETED' },
      ]);
      const [withdrawal] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.match.stage-changed' AND aggregate_id = $1 ORDER BY position DESC LIMIT 1`, [live]);
      expect(withdrawal.payload).toMatchObject({ from: 'MEETING', to: 'WITHDRAWN', note: '候補者の退会により終了' });
      expect(await t.sql(`SELECT changed_by FROM matching.match_stage_change WHERE match_id = $1 AND stage = 'WITHDRAWN'`, [live])).toEqual([{ changed_by: c.accountId }]);
      expect(await t.sql(`SELECT status FROM matching.interest WHERE id = $1`, [interest.id])).toEqual([{ status: 'WITHDRAWN' }]);
      expect(await t.sql(`SELECT type FROM messaging.outbox WHERE aggregate_id = $1 ORDER BY position`, [interest.id])).toEqual([
        { type: 'matching.interest.expressed' }, { type: 'matching.interest.withdrawn' },
      ]);
      const [declined] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'matching.scout.declined' AND aggregate_id = $1`, [scout.id]);
      expect(declined.payload.reason).toBe('CANDIDATE');

      // Nothing of theirs is left: not in any column of the schema, not in matching's payloads.
      for (const needle of [FULL_NAME, DISPLAY_NAME, email, PHONE]) expect({ needle, found: await whereIs(needle) }).toEqual({ needle, found: [] });
      // Their messages keep their place, signed 退会済みユーザー and empty; what staff wrote keeps its words without the person's.
      expect(await t.sql(`SELECT author_display_name, body FROM matching.message WHERE match_id = $1 ORDER BY sent_at`, [live])).toEqual([
        { author_display_name: ERASED_DISPLAY_NAME, body: '' },
        { author_display_name: 'スタッフ', body: `${ERASED_DISPLAY_NAME}さん、来週はいかがですか` },
      ]);
      expect(await t.sql(`SELECT note FROM matching.match_stage_change WHERE match_id = $1 AND stage = 'MEETING'`, [live])).toEqual([
        { note: `${ERASED_DISPLAY_NAME}さんと面談(${ERASED_DISPLAY_NAME})` },
      ]);
      expect(await t.sql(`SELECT count(*)::int AS n FROM matching.attendance WHERE account_id = $1`, [c.accountId])).toEqual([{ n: 0 }]);
      // The profile stays for its counts, found by no one; its matches show 退会済みユーザー without contact details.
      expect((await (await t.admin()).ok(CANDIDATE, { id: c.candidateId })).candidate).toBeNull();
      expect((await employer.ok(MATCH, { id: done })).match.candidate).toEqual({
        id: c.candidateId, displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null,
      });
      expect(codeOf(await city.gql(SCOUT, { input: { candidateId: c.candidateId, opportunityId: await opportunity(), message: 'x' } }))).toBe('NOT_FOUND');

      // A redelivery finds nothing to do.
      const before = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'matching'`);
      await t.publish([AccountErasureRequested.create(c.accountId, { accountId: c.accountId, requestedAt: new Date().toISOString() })]);
      await t.drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'matching'`)).toEqual(before);
    });

    it('makes no live match of an acceptance still on its way when the person is erased', async () => {
      const c = await candidate({ fullName: '途中 消去' }, '途中さん');
      const opportunityId = await opportunity();
      const interest = (await c.ok(EXPRESS, { input: { opportunityId } })).expressInterest;
      await employer.ok(ACCEPT, { input: { interestId: interest.id } }); // the match is made from its event, not drained yet
      await t.publish([AccountErasureRequested.create(c.accountId, { accountId: c.accountId, requestedAt: new Date().toISOString() })]);
      await t.drainAll();
      // Whichever ran first: no match at all, or one the erasure withdrew.
      expect(await t.sql(`SELECT count(*)::int AS n FROM matching.match WHERE candidate_id = $1 AND stage <> 'WITHDRAWN'`, [c.candidateId])).toEqual([{ n: 0 }]);
      expect(await t.sql(`SELECT display_name, full_name, email, erased_at IS NOT NULL AS erased FROM matching.candidate_profile WHERE id = $1`, [c.candidateId]))
        .toEqual([{ display_name: ERASED_DISPLAY_NAME, full_name: '', email: '', erased: true }]);
    });

    it('erases an account that never had a profile without complaint', async () => {
      const stranger = await t.candidate('プロフィールなし');
      await t.publish([AccountErasureRequested.create(stranger.accountId!, { accountId: stranger.accountId!, requestedAt: new Date().toISOString() })]);
      await t.drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.delivery WHERE subscriber LIKE 'matching.%' AND status IN ('RETRY', 'PARKED')`)).toEqual([
        { n: 0 },
      ]);
    });
  });
});
