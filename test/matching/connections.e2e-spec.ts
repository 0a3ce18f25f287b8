import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, TestApp } from '../harness/harness.js';

/** Every matching connection counts only when the client selects totalCount. */
describe('matching connections', () => {
  let t: TestApp;
  let staff: Client & { organizationId: string; regionId: string };
  let opportunityId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    const employerId = (
      await staff.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
        input: { organizationId: staff.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
      })
    ).registerEmployer.id;
    opportunityId = (
      await staff.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
        input: { employerId, title: 'ECのマーケティング', description: '冷凍カツオの海外EC', workStyle: 'SIDE_JOB', skills: ['EC'], remoteOk: true, onsiteDaysPerMonth: 2 },
      })
    ).draftOpportunity.id;
    await staff.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
    await staff.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
    await t.drainOutbox();
    for (let i = 0; i < 3; i++) {
      const candidate = await t.candidate();
      await candidate.ok(`mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`, {
        input: {
          fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: 'マーケティング一筋', careerSummary: '商品企画', skills: ['EC'],
          desiredWorkStyles: ['SIDE_JOB'], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 3, desiredRegionIds: [staff.regionId], dualRegionStage: 'EXPLORING',
        },
      });
      const interest = (await candidate.ok(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, { input: { opportunityId } }))
        .expressInterest;
      if (i < 2) await staff.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId: interest.id } });
    }
    await t.drainOutbox(); // the matches follow the acceptances through the outbox
  });
  afterAll(() => t.close());

  it('interestsForOpportunity', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($id: ID!) { interestsForOpportunity(opportunityId: $id, first: 1) { ${s} } }`, { id: opportunityId },
      (d) => d.interestsForOpportunity, 3,
    );
  });

  it('matches', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($f: MatchFilter) { matches(filter: $f, first: 1) { ${s} } }`, { f: { opportunityId } }, (d) => d.matches, 2,
    );
  });
});
