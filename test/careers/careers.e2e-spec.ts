import { Client, TestApp, codeOf } from '../harness/harness.js';

const OPP_FIELDS = `id title description workStyle skills remoteOk onsiteDaysPerMonth compensation status publishedAt createdAt
  employer { id name } region { id code }`;
const REGISTER = `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id name industry description region { id } } }`;
const DRAFT = `mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { ${OPP_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { ${OPP_FIELDS} } }`;
const move = (name: string) => `mutation($input: OpportunityIdInput!) { ${name}(input: $input) { id status publishedAt } }`;
const SUBMIT = move('submitOpportunityForReview');
const RETURN = move('returnOpportunityToDraft');
const PUBLISH = move('publishOpportunity');
const CLOSE = move('closeOpportunity');
const SEARCH = `query($filter: OpportunityFilter, $first: Int, $after: String) {
  opportunities(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id title status } } } }`;
const ONE = `query($id: ID!) { opportunity(id: $id) { id title status } }`;

type Staff = Client & { organizationId: string; regionId: string };

const terms = (employerId: string, over: Record<string, unknown> = {}) => ({
  employerId,
  title: '海外向けECのマーケティング責任者',
  description: '冷凍カツオたたきの海外EC販売を立ち上げます。',
  workStyle: 'SIDE_JOB',
  skills: ['マーケティング', 'EC'],
  remoteOk: true,
  onsiteDaysPerMonth: 2,
  compensation: '月10万円',
  ...over,
});

describe('careers through GraphQL', () => {
  let t: TestApp;
  let staff: Staff;
  let employerId: string;

  async function employer(by: Staff, name = t.unique('employer')): Promise<string> {
    return (await by.ok(REGISTER, { input: { organizationId: by.organizationId, name, industry: '水産加工', description: '港町の会社' } }))
      .registerEmployer.id;
  }

  async function published(by: Staff, employer: string, over: Record<string, unknown> = {}): Promise<string> {
    const id = (await by.ok(DRAFT, { input: terms(employer, over) })).draftOpportunity.id;
    await by.ok(SUBMIT, { input: { opportunityId: id } });
    await by.ok(PUBLISH, { input: { opportunityId: id } });
    return id;
  }

  const ids = (res: Record<string, any>): string[] => res.opportunities.edges.map((e: { node: { id: string } }) => e.node.id);

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['CAREERS_MANAGE']);
    employerId = await employer(staff, '株式会社 港町水産');
  });
  afterAll(() => t.close());

  describe('registerEmployer', () => {
    it('registers an employer in the organization\'s region, listed publicly', async () => {
      const id = await employer(staff, 'みなと造船株式会社');
      const anon = t.anonymous();
      const one = (await anon.ok(`query($id: ID!) { employer(id: $id) { id name industry region { id } } }`, { id })).employer;
      expect(one).toEqual({ id, name: 'みなと造船株式会社', industry: '水産加工', region: { id: staff.regionId } });
      const list = (await anon.ok(`query($r: ID) { employers(regionId: $r, first: 50) { totalCount edges { node { id } } } }`, { r: staff.regionId })).employers;
      expect(list.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
      expect(list.totalCount).toBe(list.edges.length);
    });

    it('refuses staff without CAREERS_MANAGE, staff of another organization, candidates and the anonymous', async () => {
      const input = { organizationId: staff.organizationId, name: 'x', industry: 'x', description: 'x' };
      const noCap = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      expect(codeOf(await noCap.gql(REGISTER, { input: { ...input, organizationId: noCap.organizationId } }))).toBe('FORBIDDEN');
      const other = await t.staff(['CAREERS_MANAGE'], staff.regionId);
      expect(codeOf(await other.gql(REGISTER, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await (await t.candidate()).gql(REGISTER, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(REGISTER, { input }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(REGISTER, { input: { ...input, organizationId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
    });

    it('refuses empty fields and a duplicate name', async () => {
      const bad = await staff.gql(REGISTER, { input: { organizationId: staff.organizationId, name: '', industry: '', description: 'x' } });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields.map((f: { field: string }) => f.field).sort()).toEqual(['industry', 'name']);
      const dup = await staff.gql(REGISTER, { input: { organizationId: staff.organizationId, name: '株式会社 港町水産', industry: 'x', description: 'x' } });
      expect(codeOf(dup)).toBe('CONFLICT');
      expect(dup.errors![0].extensions.reason).toBe('EMPLOYER_NAME_TAKEN');
    });
  });

  describe('the opportunity lifecycle', () => {
    it('goes DRAFT -> IN_REVIEW -> DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED, editable only before publishing', async () => {
      const draft = (await staff.ok(DRAFT, { input: terms(employerId) })).draftOpportunity;
      expect(draft).toMatchObject({
        status: 'DRAFT', publishedAt: null, workStyle: 'SIDE_JOB', skills: ['マーケティング', 'EC'], remoteOk: true, onsiteDaysPerMonth: 2,
        compensation: '月10万円', employer: { id: employerId, name: '株式会社 港町水産' }, region: { id: staff.regionId },
      });
      const id = draft.id;
      const edited = (await staff.ok(UPDATE, { input: { opportunityId: id, title: '越境ECマーケター', compensation: null } })).updateOpportunity;
      expect(edited).toMatchObject({ title: '越境ECマーケター', compensation: null, skills: ['マーケティング', 'EC'] });

      expect((await staff.ok(SUBMIT, { input: { opportunityId: id } })).submitOpportunityForReview.status).toBe('IN_REVIEW');
      expect((await staff.ok(UPDATE, { input: { opportunityId: id, onsiteDaysPerMonth: 3 } })).updateOpportunity.onsiteDaysPerMonth).toBe(3);
      expect((await staff.ok(RETURN, { input: { opportunityId: id } })).returnOpportunityToDraft.status).toBe('DRAFT');
      await staff.ok(SUBMIT, { input: { opportunityId: id } });
      const pub = (await staff.ok(PUBLISH, { input: { opportunityId: id } })).publishOpportunity;
      expect(pub.status).toBe('PUBLISHED');
      expect(new Date(pub.publishedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const notEditable = await staff.gql(UPDATE, { input: { opportunityId: id, title: 'x' } });
      expect(codeOf(notEditable)).toBe('CONFLICT');
      expect(notEditable.errors![0].extensions.reason).toBe('OPPORTUNITY_NOT_EDITABLE');
      expect((await staff.ok(CLOSE, { input: { opportunityId: id } })).closeOpportunity.status).toBe('CLOSED');
      expect(codeOf(await staff.gql(UPDATE, { input: { opportunityId: id, title: 'x' } }))).toBe('CONFLICT');
    });

    it('refuses every other move with CONFLICT INVALID_STATUS_TRANSITION, changing nothing', async () => {
      const id = (await staff.ok(DRAFT, { input: terms(employerId) })).draftOpportunity.id;
      for (const m of [PUBLISH, CLOSE, RETURN]) {
        const res = await staff.gql(m, { input: { opportunityId: id } });
        expect(codeOf(res)).toBe('CONFLICT');
        expect(res.errors![0].extensions.reason).toBe('INVALID_STATUS_TRANSITION');
      }
      await staff.ok(SUBMIT, { input: { opportunityId: id } });
      expect(codeOf(await staff.gql(SUBMIT, { input: { opportunityId: id } }))).toBe('CONFLICT');
      expect(codeOf(await staff.gql(CLOSE, { input: { opportunityId: id } }))).toBe('CONFLICT');
      await staff.ok(PUBLISH, { input: { opportunityId: id } });
      for (const m of [SUBMIT, RETURN, PUBLISH]) expect(codeOf(await staff.gql(m, { input: { opportunityId: id } }))).toBe('CONFLICT');
      await staff.ok(CLOSE, { input: { opportunityId: id } });
      for (const m of [SUBMIT, RETURN, PUBLISH, CLOSE]) expect(codeOf(await staff.gql(m, { input: { opportunityId: id } }))).toBe('CONFLICT');
      const [row] = await t.sql(`SELECT status, version FROM careers.opportunity WHERE id = $1`, [id]);
      expect(row).toEqual({ status: 'CLOSED', version: 4 });
    });

    it('lets one of two concurrent publishes win; the other gets CONFLICT', async () => {
      const id = (await staff.ok(DRAFT, { input: terms(employerId) })).draftOpportunity.id;
      await staff.ok(SUBMIT, { input: { opportunityId: id } });
      const results = await Promise.all(Array.from({ length: 10 }, () => staff.gql(PUBLISH, { input: { opportunityId: id } })));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(9);
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE aggregate_id = $1 AND type = 'careers.opportunity.published'`, [id])).toEqual([{ n: 1 }]);
    });

    it('refuses bad terms naming the fields', async () => {
      const res = await staff.gql(DRAFT, { input: terms(employerId, { title: '', onsiteDaysPerMonth: 40, workStyle: 'FREELANCE' }) });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const fully = await staff.gql(DRAFT, { input: terms(employerId, { remoteOk: false, onsiteDaysPerMonth: 0 }) });
      expect(codeOf(fully)).toBe('BAD_USER_INPUT');
      expect(fully.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'onsiteDaysPerMonth' })]);
      const bad = await staff.gql(DRAFT, { input: terms(employerId, { title: ' ', skills: ['x'.repeat(60)] }) });
      expect(bad.errors![0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['title', 'skills']));
    });

    it('refuses staff of another region, staff without CAREERS_MANAGE, candidates and the anonymous', async () => {
      const id = (await staff.ok(DRAFT, { input: terms(employerId) })).draftOpportunity.id;
      const elsewhere = await t.staff(['CAREERS_MANAGE']);
      const sameRegionNoCap = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      const candidate = await t.candidate();
      for (const client of [elsewhere, sameRegionNoCap, candidate]) {
        expect(codeOf(await client.gql(SUBMIT, { input: { opportunityId: id } }))).toBe('FORBIDDEN');
        expect(codeOf(await client.gql(UPDATE, { input: { opportunityId: id, title: 'x' } }))).toBe('FORBIDDEN');
        expect(codeOf(await client.gql(DRAFT, { input: terms(employerId) }))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.anonymous().gql(SUBMIT, { input: { opportunityId: id } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(SUBMIT, { input: { opportunityId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');
      expect(codeOf(await staff.gql(SUBMIT, { input: { opportunityId: 'not-an-id' } }))).toBe('NOT_FOUND');
      // Staff of the same region from another CAREERS_MANAGE organization may run it.
      const colleague = await t.staff(['CAREERS_MANAGE'], staff.regionId);
      expect((await colleague.ok(SUBMIT, { input: { opportunityId: id } })).submitOpportunityForReview.status).toBe('IN_REVIEW');
      const [row] = await t.sql(`SELECT status FROM careers.opportunity WHERE id = $1`, [id]);
      expect(row.status).toBe('IN_REVIEW');
    });
  });

  describe('who sees what', () => {
    let region: { id: string };
    let owner: Staff;
    let emp: string;
    const byStatus: Record<string, string> = {};

    beforeAll(async () => {
      region = await t.region();
      owner = await t.staff(['CAREERS_MANAGE'], region.id);
      emp = await employer(owner);
      byStatus.DRAFT = (await owner.ok(DRAFT, { input: terms(emp, { title: '下書き' }) })).draftOpportunity.id;
      byStatus.IN_REVIEW = (await owner.ok(DRAFT, { input: terms(emp, { title: '審査中' }) })).draftOpportunity.id;
      await owner.ok(SUBMIT, { input: { opportunityId: byStatus.IN_REVIEW } });
      byStatus.PUBLISHED = await published(owner, emp, { title: '公開中' });
      byStatus.CLOSED = await published(owner, emp, { title: '終了' });
      await owner.ok(CLOSE, { input: { opportunityId: byStatus.CLOSED } });
    });

    it('shows the public PUBLISHED ones only, in lists and by id', async () => {
      for (const client of [t.anonymous(), await t.candidate(), await t.staff(['CAREERS_MANAGE'])]) {
        const res = await client.ok(SEARCH, { filter: { regionId: region.id } });
        expect(ids(res)).toEqual([byStatus.PUBLISHED]);
        expect(res.opportunities.totalCount).toBe(1);
        // Asking for other statuses does not widen what the public sees.
        expect(ids(await client.ok(SEARCH, { filter: { regionId: region.id, statuses: ['DRAFT'] } }))).toEqual([]);
        expect((await client.ok(ONE, { id: byStatus.PUBLISHED })).opportunity.title).toBe('公開中');
        for (const hidden of [byStatus.DRAFT, byStatus.IN_REVIEW, byStatus.CLOSED]) {
          const res = await client.gql(ONE, { id: hidden });
          expect(codeOf(res)).toBe('NOT_FOUND');
          expect(res.data?.opportunity ?? null).toBeNull();
        }
        const empOpps = (await client.ok(`query($id: ID!) { employer(id: $id) { opportunities { totalCount edges { node { id } } } } }`, { id: emp })).employer.opportunities;
        expect(empOpps.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([byStatus.PUBLISHED]);
      }
    });

    it('shows the region\'s CAREERS_MANAGE staff every status, filterable', async () => {
      const all = await owner.ok(SEARCH, { filter: { regionId: region.id } });
      expect(new Set(ids(all))).toEqual(new Set(Object.values(byStatus)));
      expect(all.opportunities.totalCount).toBe(4);
      expect(ids(await owner.ok(SEARCH, { filter: { regionId: region.id, statuses: ['DRAFT', 'IN_REVIEW'] } })).sort()).toEqual(
        [byStatus.DRAFT, byStatus.IN_REVIEW].sort(),
      );
      expect((await owner.ok(ONE, { id: byStatus.DRAFT })).opportunity.status).toBe('DRAFT');
      const empOpps = (await owner.ok(`query($id: ID!) { employer(id: $id) { opportunities { totalCount } } }`, { id: emp })).employer.opportunities;
      expect(empOpps.totalCount).toBe(4);
      const admin = await t.admin();
      expect((await admin.ok(SEARCH, { filter: { regionId: region.id } })).opportunities.totalCount).toBe(4);
    });
  });

  describe('search', () => {
    let region: { id: string };
    let owner: Staff;
    const made: Record<string, string> = {};

    beforeAll(async () => {
      region = await t.region();
      owner = await t.staff(['CAREERS_MANAGE'], region.id);
      const a = await employer(owner, '浜の蔵酒造');
      const b = await employer(owner, '気仙沼ベイツーリズム');
      made.marketing = await published(owner, a, {
        title: '酒蔵ブランドのデジタルマーケティング', description: '海外の日本酒ファンに向けた発信', workStyle: 'SIDE_JOB',
        skills: ['マーケティング', '英語'], remoteOk: true, onsiteDaysPerMonth: 3,
      });
      made.it = await published(owner, b, {
        title: 'IT導入支援アドバイザー', description: '中小企業のＤＸ相談にオンラインで応じる', workStyle: 'PRO_BONO',
        skills: ['ＩＴ', 'セキュリティ'], remoteOk: true, onsiteDaysPerMonth: 0, compensation: null,
      });
      made.factory = await published(owner, a, {
        title: '工場長候補', description: '生産管理と品質管理の経験を活かす', workStyle: 'JOB_CHANGE',
        skills: ['生産管理', '品質管理'], remoteOk: false, onsiteDaysPerMonth: 22,
      });
      made.startup = await published(owner, b, {
        title: '事業承継の経営パートナー', description: '100%の覚悟_で挑む', workStyle: 'STARTUP',
        skills: ['経営'], remoteOk: false, onsiteDaysPerMonth: 15,
      });
      made.draft = (await owner.ok(DRAFT, { input: terms(a, { title: 'マーケティング下書き' }) })).draftOpportunity.id;
    });

    const find = async (filter: Record<string, unknown>, client: Client = t.anonymous()) =>
      ids(await client.ok(SEARCH, { filter: { regionId: region.id, ...filter }, first: 50 }));

    it('finds Japanese by any part of a word, and full-width and half-width alike', async () => {
      expect(await find({ text: 'マーケ' })).toEqual([made.marketing]);
      expect(await find({ text: 'ケティ' })).toEqual([made.marketing]);
      expect(await find({ text: 'ＩＴ' })).toEqual([made.it]);
      expect(await find({ text: 'it導入' })).toEqual([made.it]);
      expect(await find({ text: 'dx' })).toEqual([made.it]);
      expect(await find({ text: '管理' })).toEqual([made.factory]);
      expect(await find({ text: '品質 工場' })).toEqual([made.factory]);
      expect(await find({ text: '品質　営業' })).toEqual([]); // every term must match
      expect(await find({ text: '工' })).toEqual([made.factory]);
      expect(await find({ text: '100%' })).toEqual([made.startup]);
      expect(await find({ text: '%' })).toEqual([made.startup]); // wildcards are literal
      expect(await find({ text: '_' })).toEqual([made.startup]);
      expect(await find({ text: 'マーケ' }, owner)).toEqual(expect.arrayContaining([made.marketing, made.draft]));
    });

    it('filters by work style, skills (any of, normalized), remote and on-site days', async () => {
      expect(await find({ workStyles: ['PRO_BONO', 'STARTUP'] })).toEqual([made.startup, made.it]);
      expect((await find({ skills: ['it', '経営'] })).sort()).toEqual([made.it, made.startup].sort());
      expect(await find({ skills: ['ＩＴ'] })).toEqual([made.it]);
      expect((await find({ remoteOk: true })).sort()).toEqual([made.marketing, made.it].sort());
      expect((await find({ maxOnsiteDaysPerMonth: 3 })).sort()).toEqual([made.marketing, made.it].sort());
      expect(await find({ maxOnsiteDaysPerMonth: 15, remoteOk: false })).toEqual([made.startup]);
      const res = await t.anonymous().ok(SEARCH, { filter: { regionId: region.id, remoteOk: true }, first: 1 });
      expect(res.opportunities.totalCount).toBe(2);
      expect(res.opportunities.edges).toHaveLength(1);
    });

    it('lists newest first and refuses bad paging input', async () => {
      expect(await find({})).toEqual([made.startup, made.factory, made.it, made.marketing]);
      expect(codeOf(await t.anonymous().gql(SEARCH, { first: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await t.anonymous().gql(SEARCH, { first: 101 }))).toBe('BAD_USER_INPUT');
      const bad = await t.anonymous().gql(SEARCH, { after: 'bm90LWEtY3Vyc29y' });
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(bad.errors![0].extensions.fields[0].field).toBe('after');
      expect(await find({ employerId: 'not-an-id' })).toEqual([]);
      const [{ employer_id: brewery }] = await t.sql(`SELECT employer_id FROM careers.opportunity WHERE id = $1`, [made.marketing]);
      expect((await find({ employerId: brewery })).sort()).toEqual([made.marketing, made.factory].sort());
    });
  });

  describe('pagination', () => {
    it('walks every page with no row skipped or repeated while new ones are published', async () => {
      const region = await t.region();
      const owner = await t.staff(['CAREERS_MANAGE'], region.id);
      const emp = await employer(owner);
      const before: string[] = [];
      for (let i = 0; i < 23; i++) before.push(await published(owner, emp, { title: `求人 ${i}` }));

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      const publishing: Array<Promise<string>> = [];
      do {
        const res: any = await t.anonymous().ok(SEARCH, { filter: { regionId: region.id }, first: 5, after });
        seen.push(...ids(res));
        after = res.opportunities.pageInfo.hasNextPage ? res.opportunities.pageInfo.endCursor : null;
        expect(res.opportunities.pageInfo.hasPreviousPage).toBe(pages > 0);
        pages++;
        // Publish more while the reader is between pages.
        publishing.push(published(owner, emp, { title: `新着 ${pages}` }), published(owner, emp, { title: `新着 ${pages}b` }));
        await Promise.all(publishing.slice(-2));
      } while (after);
      expect(pages).toBe(5);
      expect(seen).toEqual([...before].reverse());
      const all = await t.anonymous().ok(SEARCH, { filter: { regionId: region.id }, first: 100 });
      expect(all.opportunities.totalCount).toBe(23 + publishing.length);
    });
  });

  describe('events for the rest of the platform', () => {
    it('writes published, updated and closed events carrying what matching needs', async () => {
      const id = (await staff.ok(DRAFT, { input: terms(employerId) })).draftOpportunity.id;
      await staff.ok(UPDATE, { input: { opportunityId: id, skills: ['マーケティング', 'データ分析'] } });
      await staff.ok(SUBMIT, { input: { opportunityId: id } });
      await staff.ok(PUBLISH, { input: { opportunityId: id } });
      await staff.ok(CLOSE, { input: { opportunityId: id } });
      const events = await t.sql(`SELECT type, payload_version, payload FROM messaging.outbox WHERE aggregate_id = $1 ORDER BY position`, [id]);
      expect(events.map((e) => e.type)).toEqual([
        'careers.opportunity.drafted',
        'careers.opportunity.updated',
        'careers.opportunity.submitted-for-review',
        'careers.opportunity.published',
        'careers.opportunity.closed',
      ]);
      const publishedEvent = events[3];
      expect(publishedEvent.payload_version).toBe(1);
      expect(publishedEvent.payload).toMatchObject({
        opportunityId: id, employerId, employerName: '株式会社 港町水産', regionId: staff.regionId, title: '海外向けECのマーケティング責任者',
        workStyle: 'SIDE_JOB', skills: ['マーケティング', 'データ分析'], remoteOk: true, onsiteDaysPerMonth: 2, status: 'PUBLISHED',
      });
      expect(events[4].payload).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    });
  });
});
