import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { TestApp } from '../harness/harness.js';

const DEMO_PASSWORD = 'minato-demo-2025';

describe('the community demo data', () => {
  let t: TestApp;
  let regionId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    // A later module's seeder failing must not hide community's.
    await t.app.get(DemoRegistry).run().catch(() => undefined);
    expect(await t.sql(`SELECT name FROM platform.demo_seed WHERE name = 'community.kesennuma'`)).toEqual([{ name: 'community.kesennuma' }]);
    regionId = (await t.anonymous().ok(`{ regions { id code } }`)).regions.find((r: { code: string }) => r.code === 'kesennuma').id;
  });
  afterAll(() => t.close());

  it("holds Kesennuma's activity roles, OPEN", async () => {
    const roles = (await t.anonymous().ok(`query($r: ID) { communityRoles(filter: { regionId: $r }) { edges { node { title category status organization { name } } } } }`, { r: regionId }))
      .communityRoles.edges.map((e: any) => e.node);
    expect(roles.map((r: any) => r.title).sort()).toEqual(['みなとまつり運営ボランティア', '唐桑半島の観光ガイド', '地域防災訓練サポーター', '漁業体験の受け入れ手伝い'].sort());
    expect(roles.find((r: any) => r.title === 'みなとまつり運営ボランティア')).toMatchObject({ category: 'FESTIVAL', status: 'OPEN', organization: { name: '気仙沼市' } });
  });

  it('lists two approved supporters with topics', async () => {
    const supporters = (await t.anonymous().ok(`query($r: ID!) { supporters(regionId: $r) { displayName topics approved activeNewcomers } }`, { r: regionId })).supporters;
    expect(supporters).toHaveLength(2);
    expect(supporters.map((s: any) => s.displayName).join()).toMatch(/移住10年目.*漁師/);
    expect(supporters.every((s: any) => s.approved && s.topics.length > 0)).toBe(true);
    expect(supporters.map((s: any) => s.activeNewcomers).sort()).toEqual([0, 1]);
  });

  it('has the eight-step template, each step with a published Japanese guide', async () => {
    const template = (await t.anonymous().ok(`query($r: ID!) { onboardingTemplate(regionId: $r) { steps { key title guide { title body } } } }`, { r: regionId })).onboardingTemplate;
    expect(template.steps.map((s: any) => s.title)).toEqual([
      '転入届と住民票', 'ごみの分別と収集日', '自治会への挨拶', '防災マップと避難場所', 'かかりつけ医', '交通と車', '地域の祭りと行事', '地域の人との顔合わせ',
    ]);
    for (const step of template.steps) expect(step.guide.body).toMatch(/^# /);
    const found = (await t.anonymous().ok(`query($r: ID) { guides(filter: { regionId: $r, text: "避難" }) { edges { node { title } } } }`, { r: regionId })).guides.edges;
    expect(found.map((e: any) => e.node.title)).toContain('防災マップと避難場所');
  });

  it('gives the demo candidate a plan half done and an ACTIVE supporter', async () => {
    const candidate = await t.signIn('candidate@minato.example', DEMO_PASSWORD);
    const plans = (await candidate.ok(`{ myOnboardingPlans { progress status region { code } } }`)).myOnboardingPlans;
    expect(plans).toEqual([{ progress: 0.5, status: 'IN_PROGRESS', region: { code: 'kesennuma' } }]);
    const mentorships = (await candidate.ok(`{ myMentorships { status supporter { displayName } } }`)).myMentorships;
    expect(mentorships).toEqual([{ status: 'ACTIVE', supporter: { displayName: expect.stringContaining('移住10年目') } }]);
    const supporter = await t.signIn('kaori@minato.example', DEMO_PASSWORD);
    const seen = (await supporter.ok(`{ myMentorships { newcomer { displayName fullName phone } } }`)).myMentorships;
    expect(seen).toEqual([{ newcomer: { displayName: '佐藤 真理子', fullName: '佐藤 真理子', phone: '090-1234-5678' } }]);
  });
});
