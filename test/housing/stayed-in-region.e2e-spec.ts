import { Client, TestApp } from '../harness/harness.js';
import { CHECK_IN_STAY, COMPLETE_STAY, CONFIRM_STAY, REQUEST_STAY, day, publishedListing, stayInput } from './housing.fixtures.js';

/**
 * Housing's StayCompleted reaches matching through the outbox: "stayed in the region" becomes
 * a recommendation reason on both sides (the candidate's opportunities, the opportunity's
 * candidates), counted like attending an event there.
 */
describe('a completed stay as a recommendation reason', () => {
  let t: TestApp;
  let housing: Client & { organizationId: string; regionId: string };
  let careers: Client & { organizationId: string; regionId: string };
  let opportunityId: string;
  let regionName: string;

  beforeAll(async () => {
    t = await TestApp.start();
    housing = await t.staff(['HOUSING_MANAGE']);
    careers = await t.staff(['CAREERS_MANAGE'], housing.regionId);
    regionName = (await t.anonymous().ok(`{ regions { id name } }`)).regions.find((r: any) => r.id === housing.regionId).name;
    const { registerEmployer } = await careers.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { organizationId: careers.organizationId, name: '港町水産', industry: '水産加工', description: '加工会社' },
    });
    const { draftOpportunity } = await careers.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
      input: { employerId: registerEmployer.id, title: '海外ECの責任者', description: '副業で', workStyle: 'SIDE_JOB', skills: ['EC'], remoteOk: true, onsiteDaysPerMonth: 2 },
    });
    opportunityId = draftOpportunity.id;
    await careers.ok(`mutation($id: ID!) { submitOpportunityForReview(input: { opportunityId: $id }) { id } }`, { id: opportunityId });
    await careers.ok(`mutation($id: ID!) { publishOpportunity(input: { opportunityId: $id }) { id } }`, { id: opportunityId });
    await t.drainOutbox();
  });
  afterAll(() => t.close());

  const profile = (c: Client) =>
    c.ok(`mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`, {
      input: {
        fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: '経理と EC', careerSummary: '30年', skills: ['経理'],
        desiredWorkStyles: ['JOB_CHANGE'], remoteHoursPerWeek: 0, onsiteDaysPerMonth: 0, desiredRegionIds: [housing.regionId], dualRegionStage: 'EXPLORING',
      },
    });
  const reasonsFor = async (c: Client) =>
    (await c.ok(`{ recommendedOpportunities(first: 10) { opportunity { id } reasons } }`)).recommendedOpportunities.find(
      (r: any) => r.opportunity.id === opportunityId,
    ).reasons;
  const candidateReasons = async (profileId: string) =>
    (await careers.ok(`query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 20) { candidate { id } reasons } }`, { id: opportunityId }))
      .recommendedCandidates.find((r: any) => r.candidate.id === profileId).reasons;

  it('says 「…に滞在したことがある」 once the stay is COMPLETED, not before', async () => {
    const guest = await t.candidate();
    const { saveMyCandidateProfile } = await profile(guest);
    const listing = await publishedListing(housing, 'TRIAL_STAY', { minNights: 1 });
    const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(listing, day(1), day(3)) });
    await housing.ok(CONFIRM_STAY, { id: requestStay.id });
    await t.sql(`UPDATE housing.stay SET check_in = check_in - 1, check_out = check_out - 1 WHERE id = $1`, [requestStay.id]); // a day passes
    await housing.ok(CHECK_IN_STAY, { id: requestStay.id });
    await t.drainOutbox();
    expect(await reasonsFor(guest)).not.toContain(`${regionName}に滞在したことがある`);

    await housing.ok(COMPLETE_STAY, { id: requestStay.id });
    await t.drainOutbox();
    expect(await reasonsFor(guest)).toContain(`${regionName}に滞在したことがある`);
    expect(await candidateReasons(saveMyCandidateProfile.id)).toContain(`${regionName}に滞在したことがある`);

    expect(await t.sql(`SELECT count(*)::int AS n FROM matching.region_stay WHERE account_id = $1`, [guest.accountId])).toEqual([{ n: 1 }]);
  });
});
