import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, TestApp } from '../harness/harness.js';

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

  it('opportunities read only the columns of the fields selected, through fragments too', async () => {
    const page = async (fields: string) => {
      const { result, statements } = await t.recordSql(() =>
        t.anonymous().ok(
          `query($r: ID) { opportunities(filter: { regionId: $r }, first: 5) { edges { node { ${fields} } } } }
           ${fields.includes('...More') ? 'fragment More on Opportunity { description employer { name } }' : ''}`,
          { r: staff.regionId },
        ),
      );
      const select = statements.find((q) => q.includes('FROM careers.opportunity o'))!;
      return { nodes: result.opportunities.edges.map((e: { node: unknown }) => e.node), select: select.slice(0, select.indexOf(' FROM ')) };
    };
    const narrow = await page('id title');
    expect(narrow.nodes).toHaveLength(3);
    expect(narrow.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['ECのマーケティング', '生産管理の改善', '経理の仕組みづくり']);
    expect(narrow.select).toContain('o.title');
    for (const column of ['o.description', 'o.skills', 'o.employer_id', 'o.compensation']) expect(narrow.select).not.toContain(column);
    const wide = await page('id ...More workStyle');
    expect(wide.select).toEqual(expect.stringContaining('o.description'));
    expect(wide.select).toContain('o.employer_id');
    expect(wide.nodes[0]).toMatchObject({ description: '気仙沼の事業者です', employer: { name: '株式会社 港町水産' }, workStyle: 'SIDE_JOB' });
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
