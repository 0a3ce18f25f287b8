import { expectCountOnlyWhenSelected } from '../support/connections.js';
import { Client, TestApp } from '../support/harness.js';

/** Every careers connection counts only when the client selects totalCount. */
describe('careers connections', () => {
  let t: TestApp;
  let staff: Client & { organizationId: string; regionId: string };
  let employerId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['CAREERS_MANAGE']);
    employerId = (
      await staff.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
        input: { organizationId: staff.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
      })
    ).registerEmployer.id;
    for (const title of ['ECのマーケティング', '生産管理の改善', '経理の仕組みづくり']) {
      const id = (
        await staff.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
          input: { employerId, title, description: '気仙沼の事業者です', workStyle: 'SIDE_JOB', skills: ['経営'], remoteOk: true, onsiteDaysPerMonth: 2 },
        })
      ).draftOpportunity.id;
      await staff.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId: id } });
      await staff.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId: id } });
    }
  });
  afterAll(() => t.close());

  it('opportunities', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(),
      (s) => `query($r: ID) { opportunities(filter: { regionId: $r, workStyles: [SIDE_JOB] }, first: 2) { ${s} } }`,
      { r: staff.regionId }, (d) => d.opportunities, 3,
    );
  });

  it('employers', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID) { employers(regionId: $r) { ${s} } }`, { r: staff.regionId }, (d) => d.employers, 1,
    );
  });

  it("an employer's opportunities", async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($id: ID!) { employer(id: $id) { opportunities(first: 1) { ${s} } } }`,
      { id: employerId }, (d) => d.employer.opportunities, 3,
    );
  });
});
