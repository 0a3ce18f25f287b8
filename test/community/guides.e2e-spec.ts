import { TestApp, codeOf } from '../harness/harness.js';
import { ARCHIVE_GUIDE, PUBLISH_GUIDE, WRITE_GUIDE, type Staff } from './community.fixtures.js';

describe('community guides', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
  });
  afterAll(() => t.close());

  const input = (over: Record<string, unknown> = {}) => ({ regionId: staff.regionId, category: 'ごみの出し方', title: 'ごみの分別と収集日', body: '# 燃やすごみ\n週2回', ...over });
  const GUIDE = `query($id: ID!) { guide(id: $id) { id title status body } }`;

  it('DRAFT -> PUBLISHED -> ARCHIVED; public only when PUBLISHED; editing keeps it PUBLISHED', async () => {
    const { writeGuide: g } = await staff.ok(WRITE_GUIDE, { input: input() });
    expect(g).toMatchObject({ status: 'DRAFT', category: 'ごみの出し方', region: { id: staff.regionId } });
    expect(codeOf(await t.anonymous().gql(GUIDE, { id: g.id }))).toBe('NOT_FOUND');
    expect((await staff.ok(GUIDE, { id: g.id })).guide.status).toBe('DRAFT');

    expect((await staff.ok(PUBLISH_GUIDE, { id: g.id })).publishGuide.status).toBe('PUBLISHED');
    expect(codeOf(await staff.gql(PUBLISH_GUIDE, { id: g.id }))).toBe('CONFLICT');
    expect((await t.anonymous().ok(GUIDE, { id: g.id })).guide).toMatchObject({ status: 'PUBLISHED', body: '# 燃やすごみ\n週2回' });

    const edited = (await staff.ok(WRITE_GUIDE, { input: input({ guideId: g.id, body: '# 燃やすごみ\n週2回、朝8時まで' }) })).writeGuide;
    expect(edited).toMatchObject({ id: g.id, status: 'PUBLISHED', body: '# 燃やすごみ\n週2回、朝8時まで' });

    expect((await staff.ok(ARCHIVE_GUIDE, { id: g.id })).archiveGuide.status).toBe('ARCHIVED');
    expect(codeOf(await staff.gql(ARCHIVE_GUIDE, { id: g.id }))).toBe('CONFLICT');
    expect(codeOf(await staff.gql(PUBLISH_GUIDE, { id: g.id }))).toBe('CONFLICT');
    expect(codeOf(await t.anonymous().gql(GUIDE, { id: g.id }))).toBe('NOT_FOUND');
    // An archived guide is not edited; a draft is not archived (DRAFT -> PUBLISHED -> ARCHIVED).
    expect(codeOf(await staff.gql(WRITE_GUIDE, { input: input({ guideId: g.id, title: '書き直し' }) }))).toBe('CONFLICT');
    const { writeGuide: draft } = await staff.ok(WRITE_GUIDE, { input: input() });
    expect(codeOf(await staff.gql(ARCHIVE_GUIDE, { id: draft.id }))).toBe('CONFLICT');
  });

  it('refuses the anonymous, people, staff of another region, bad input', async () => {
    expect(codeOf(await t.anonymous().gql(WRITE_GUIDE, { input: input() }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await (await t.candidate()).gql(WRITE_GUIDE, { input: input() }))).toBe('FORBIDDEN');
    const other = await t.staff(['COMMUNITY_MANAGE']);
    expect(codeOf(await other.gql(WRITE_GUIDE, { input: input() }))).toBe('FORBIDDEN');
    const g = (await staff.ok(WRITE_GUIDE, { input: input() })).writeGuide.id;
    expect(codeOf(await other.gql(PUBLISH_GUIDE, { id: g }))).toBe('NOT_FOUND');
    expect(codeOf(await other.gql(WRITE_GUIDE, { input: { ...input({ guideId: g }), regionId: other.regionId } }))).toBe('NOT_FOUND');
    const elsewhere = await staff.gql(WRITE_GUIDE, { input: { ...input({ guideId: g }), regionId: other.regionId } });
    expect(codeOf(elsewhere)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(elsewhere.errors![0].extensions)).toContain('regionId');
    for (const field of ['title', 'body', 'category']) {
      const res = await staff.gql(WRITE_GUIDE, { input: input({ [field]: ' ' }) });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors![0].extensions)).toContain(field);
    }
    expect(codeOf(await staff.gql(PUBLISH_GUIDE, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(codeOf(await staff.gql(WRITE_GUIDE, { input: input({ guideId: 'nope' }) }))).toBe('NOT_FOUND');
  });

  it('searches Japanese by any part of a word, full and half width alike, by category and status', async () => {
    const s = await t.staff(['COMMUNITY_MANAGE']);
    const write = async (category: string, title: string, body: string, publish = true) => {
      const id = (await s.ok(WRITE_GUIDE, { input: { regionId: s.regionId, category, title, body } })).writeGuide.id;
      if (publish) await s.ok(PUBLISH_GUIDE, { id });
      return id;
    };
    await write('防災', '防災マップと避難場所', '津波ハザードマップで避難経路を確認');
    await write('交通', '交通と車', 'ＢＲＴと路線バス、スタッドレスタイヤ');
    await write('防災', '消防団のこと', '下書き', false);
    const titles = async (filter: Record<string, unknown>, client = t.anonymous()) =>
      (await client.ok(`query($f: GuideFilter) { guides(filter: $f) { edges { node { title } } } }`, { f: { regionId: s.regionId, ...filter } }))
        .guides.edges.map((e: any) => e.node.title);
    expect(await titles({})).toEqual(['交通と車', '防災マップと避難場所']);
    expect(await titles({ text: 'ハザード' })).toEqual(['防災マップと避難場所']);
    expect(await titles({ text: 'brt' })).toEqual(['交通と車']);
    expect(await titles({ text: 'ｽﾀｯﾄﾞﾚｽ' })).toEqual(['交通と車']);
    expect(await titles({ category: '防災' })).toEqual(['防災マップと避難場所']);
    expect(await titles({ category: '防災' }, s)).toEqual(['消防団のこと', '防災マップと避難場所']);
    expect(await titles({ statuses: ['DRAFT'] }, s)).toEqual(['消防団のこと']);
    expect(await titles({ statuses: ['DRAFT'] })).toEqual([]);
  });
});
