import { Client, TestApp, codeOf } from '../harness/harness.js';
import { MY_RECORDS, SAVE_PROFILE, SET_CONSENT, profileInput } from './privacy.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

const CANDIDATE = `query($id: ID!) { candidate(id: $id) { id fullName phone } }`;
const MATCH_CONTACT = `query($id: ID!) { match(id: $id) { id stage candidate { fullName phone } } }`;
const SCOUT = `mutation($input: ScoutCandidateInput!) { scoutCandidate(input: $input) { id } }`;
const RECOMMENDED = `query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 50) { candidate { id } } }`;

/**
 * Consent and provision records end to end, through every module's real GraphQL and the
 * privacy module's own setConsent: no consent, no reveal; a match reveals the contact details
 * to the organizations it names, each with a record; a withdrawal stops the next reveal.
 */
describe('privacy: consent decides the reveal, and each reveal is recorded', () => {
  let t: TestApp;
  let biz: Staff; // the employer's organization
  let centre: Staff; // another organization of the region acting for employers
  let far: Staff; // another region
  const opportunities: string[] = [];


  beforeAll(async () => {
    t = await TestApp.start();
    biz = await t.staff(['CAREERS_MANAGE']);
    centre = await t.staff(['MATCHING_COORDINATE'], biz.regionId);
    far = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    const employerId = (await biz.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { organizationId: biz.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
    })).registerEmployer.id;
    for (const title of ['経理(副業)', '総務(副業)']) {
      const opportunityId = (await biz.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
        input: { employerId, title, description: '月次決算の支援', workStyle: 'SIDE_JOB', skills: ['経理'], remoteOk: true, onsiteDaysPerMonth: 2 },
      })).draftOpportunity.id;
      await biz.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
      await biz.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
      opportunities.push(opportunityId);
    }
    await t.drainAll();
  });
  afterAll(() => t.close());

  async function candidateWithProfile(): Promise<{ client: Client; profileId: string }> {
    const client = await t.candidate();
    const profileId = (await client.ok(SAVE_PROFILE, { input: profileInput(biz.regionId, { fullName: '気仙 沼子', phone: '090-3333-4444' }) }))
      .saveMyCandidateProfile.id;
    await t.drainAll();
    return { client, profileId };
  }

  async function matchOn(person: Client, opportunityId: string): Promise<string> {
    const interest = (await person.ok(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, { input: { opportunityId } }))
      .expressInterest;
    await biz.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId: interest.id } });
    await t.drainAll();
    const matches = (await person.ok(`{ myMatches { id opportunity { id } } }`)).myMatches;
    return matches.find((m: any) => m.opportunity.id === opportunityId).id;
  }

  const records = async (person: Client) =>
    (await person.ok(MY_RECORDS, { first: 100 })).myProvisionRecords.edges.map((e: any) => e.node);

  it('no consent, no reveal: a profile whose MATCHING is withdrawn leaves lookups, recommendations and scouts', async () => {
    const { client: person, profileId } = await candidateWithProfile();
    // With the profile form's grant, the region's employer side finds the profile — without contact details.
    expect((await centre.ok(CANDIDATE, { id: profileId })).candidate).toEqual({ id: profileId, fullName: null, phone: null });
    expect((await biz.ok(RECOMMENDED, { id: opportunities[0] })).recommendedCandidates.map((r: any) => r.candidate.id)).toContain(profileId);
    expect((await far.ok(CANDIDATE, { id: profileId })).candidate).toBeNull(); // not a desired region

    await person.ok(SET_CONSENT, { input: { purpose: 'MATCHING', granted: false } });
    await t.drainAll();
    expect((await centre.ok(CANDIDATE, { id: profileId })).candidate).toBeNull();
    expect((await biz.ok(CANDIDATE, { id: profileId })).candidate).toBeNull();
    expect((await biz.ok(RECOMMENDED, { id: opportunities[0] })).recommendedCandidates.map((r: any) => r.candidate.id)).not.toContain(profileId);
    expect(codeOf(await biz.gql(SCOUT, { input: { candidateId: profileId, opportunityId: opportunities[0], message: 'ぜひ' } }))).toBe('NOT_FOUND');
    expect(await records(person)).toEqual([]);
  });

  it('consent, then a match: the contact details go to the organizations it names, one record for each; a withdrawal stops the next', async () => {
    const { client: person, profileId } = await candidateWithProfile();
    expect(await records(person)).toEqual([]);

    const first = await matchOn(person, opportunities[0]);
    for (const staff of [biz, centre]) {
      expect((await staff.ok(MATCH_CONTACT, { id: first })).match.candidate).toEqual({ fullName: '気仙 沼子', phone: '090-3333-4444' });
    }
    const afterFirst = await records(person);
    expect(afterFirst.map((r: any) => [r.recipient.id, r.basis, r.occasion, r.occasionId]).sort()).toEqual([
      [biz.organizationId, 'REQUEST', 'match', first],
      [centre.organizationId, 'CONSENT', 'match', first],
    ].sort());
    for (const r of afterFirst) expect(r.fields).toEqual(expect.arrayContaining(['fullName', 'phone']));

    // The person withdraws MATCHING for the centre only: the next match reveals nothing to it.
    await person.ok(SET_CONSENT, { input: { purpose: 'MATCHING', organizationId: centre.organizationId, granted: false } });
    await t.drainAll();
    expect((await centre.ok(CANDIDATE, { id: profileId })).candidate).toBeNull();
    const second = await matchOn(person, opportunities[1]);
    const afterSecond = await records(person);
    expect(afterSecond.filter((r: any) => r.occasionId === second).map((r: any) => [r.recipient.id, r.basis])).toEqual([[biz.organizationId, 'REQUEST']]);
    // The match made before the withdrawal keeps showing the centre the contact details until it ends.
    expect((await centre.ok(MATCH_CONTACT, { id: first })).match.candidate.fullName).toBe('気仙 沼子');
    await biz.ok(`mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id } }`, { input: { matchId: first, stage: 'WITHDRAWN' } });
    const ended = (await centre.ok(MATCH_CONTACT, { id: first })).match;
    expect(ended === null || ended.candidate.fullName === null).toBe(true);
    // Records already made stay.
    expect((await records(person)).length).toBe(afterSecond.length);
  });
});
