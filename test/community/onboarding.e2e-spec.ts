import { TestApp, codeOf } from '../harness/harness.js';
import {
  ASSIGN, COMPLETE_STEP, END_MENTORSHIP, PLAN, PUBLISH_GUIDE, REQUEST, SET_TEMPLATE, START, WRITE_GUIDE,
  approvedSupporter, events, requestInput, type Staff,
} from './community.fixtures.js';

describe('community onboarding', () => {
  let t: TestApp;
  let staff: Staff;
  let guideId: string;
  let draftGuideId: string;

  const steps = (guide: string | null = null) => [
    { key: 'moving-in', title: '転入届と住民票', description: '14日以内に', guideId: guide },
    { key: 'garbage', title: 'ごみの分別と収集日', description: '地区ごとの収集日' },
    { key: 'neighborhood', title: '自治会への挨拶', description: '自治会長さんへ' },
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['COMMUNITY_MANAGE']);
    guideId = (await staff.ok(WRITE_GUIDE, { input: { regionId: staff.regionId, category: '手続き', title: '転入届', body: '# 転入届' } })).writeGuide.id;
    await staff.ok(PUBLISH_GUIDE, { id: guideId });
    draftGuideId = (await staff.ok(WRITE_GUIDE, { input: { regionId: staff.regionId, category: 'ごみの出し方', title: '下書き', body: '準備中' } })).writeGuide.id;
  });
  afterAll(() => t.close());

  it('needs a template to start; staff set it; the public reads it with its published guides only', async () => {
    const early = await (await t.candidate()).gql(START, { r: staff.regionId });
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_ONBOARDING_TEMPLATE' });
    expect((await t.anonymous().ok(`query($r: ID!) { onboardingTemplate(regionId: $r) { updatedAt } }`, { r: staff.regionId })).onboardingTemplate).toBeNull();

    const input = { regionId: staff.regionId, steps: [...steps(guideId), { key: 'draft', title: '下書きの手引き', description: '', guideId: draftGuideId }] };
    const { setOnboardingTemplate } = await staff.ok(SET_TEMPLATE, { input });
    expect(setOnboardingTemplate.region.id).toBe(staff.regionId);
    expect(setOnboardingTemplate.steps.map((s: any) => s.key)).toEqual(['moving-in', 'garbage', 'neighborhood', 'draft']);
    const pub = (await t.anonymous().ok(`query($r: ID!) { onboardingTemplate(regionId: $r) { steps { key guide { id title } } } }`, { r: staff.regionId })).onboardingTemplate;
    expect(pub.steps[0].guide).toEqual({ id: guideId, title: '転入届' });
    expect(pub.steps[3].guide).toBeNull();
    expect(setOnboardingTemplate.steps[3].guide).toEqual({ id: draftGuideId, title: '下書き' });
  });

  it('refuses templates from others and bad templates', async () => {
    const input = { regionId: staff.regionId, steps: steps() };
    expect(codeOf(await t.anonymous().gql(SET_TEMPLATE, { input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await (await t.candidate()).gql(SET_TEMPLATE, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await (await t.staff(['COMMUNITY_MANAGE'])).gql(SET_TEMPLATE, { input }))).toBe('FORBIDDEN');
    const cases: Array<[unknown[], string]> = [
      [[], 'steps'],
      [[steps()[0], { ...steps()[1], key: 'moving-in' }], 'steps.1.key'],
      [[{ ...steps()[0], key: 'Bad Key' }], 'steps.0.key'],
      [[{ ...steps()[0], guideId: '00000000-0000-4000-8000-000000000000' }], 'steps.0.guideId'],
    ];
    for (const [s, field] of cases) {
      const res = await staff.gql(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: s } });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors![0].extensions)).toContain(field);
    }
  });

  it('starts once, marks steps, completes with the last, and keeps its steps when the template changes', async () => {
    await staff.ok(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: steps(guideId) } });
    const newcomer = await t.candidate('移住者');
    const { startOnboarding: plan } = await newcomer.ok(START, { r: staff.regionId });
    expect(plan).toMatchObject({ status: 'IN_PROGRESS', progress: 0, completedAt: null, region: { id: staff.regionId } });
    expect(plan.steps.map((s: any) => [s.key, s.done, s.doneAt])).toEqual([['moving-in', false, null], ['garbage', false, null], ['neighborhood', false, null]]);
    expect(plan.steps[0].guide).toEqual({ id: guideId, title: '転入届' });
    expect(plan.newcomer).toMatchObject({ accountId: newcomer.accountId, displayName: '移住者', email: expect.stringContaining('@') });
    expect((await newcomer.ok(START, { r: staff.regionId })).startOnboarding.id).toBe(plan.id);

    // The template changes; the started plan keeps its three steps.
    await staff.ok(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: [{ key: 'only', title: '一つだけ', description: '' }] } });

    const one = (await newcomer.ok(COMPLETE_STEP, { p: plan.id, k: 'garbage' })).completeOnboardingStep;
    expect(one.progress).toBeCloseTo(1 / 3);
    expect(one.steps[1]).toMatchObject({ key: 'garbage', done: true, doneAt: expect.any(String) });
    const same = (await newcomer.ok(COMPLETE_STEP, { p: plan.id, k: 'garbage' })).completeOnboardingStep;
    expect(same.steps[1].doneAt).toBe(one.steps[1].doneAt);
    const unknown = await newcomer.gql(COMPLETE_STEP, { p: plan.id, k: 'only' });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(unknown.errors![0].extensions)).toContain('key');
    await newcomer.ok(COMPLETE_STEP, { p: plan.id, k: 'moving-in' });
    const done = (await newcomer.ok(COMPLETE_STEP, { p: plan.id, k: 'neighborhood' })).completeOnboardingStep;
    expect(done).toMatchObject({ status: 'COMPLETED', progress: 1, completedAt: expect.any(String) });

    expect((await events(t, 'community.onboarding.started', plan.id))[0].payload).toMatchObject({ planId: plan.id, regionId: staff.regionId, accountId: newcomer.accountId, totalSteps: 3, doneSteps: 0 });
    expect((await events(t, 'community.onboarding.step-completed', plan.id)).map((e) => [e.payload.stepKey, e.payload.doneSteps])).toEqual([['garbage', 1], ['moving-in', 2], ['neighborhood', 3]]);
    expect((await events(t, 'community.onboarding.completed', plan.id))[0].payload).toMatchObject({ totalSteps: 3, doneSteps: 3 });

    // A newcomer starting now gets the new template.
    const later = (await (await t.candidate()).ok(START, { r: staff.regionId })).startOnboarding;
    expect(later.steps.map((s: any) => s.key)).toEqual(['only']);
  });

  it('the ACTIVE supporter sees the plan with contact details and marks steps; not before, not after', async () => {
    await staff.ok(SET_TEMPLATE, { input: { regionId: staff.regionId, steps: steps() } });
    const newcomer = await t.candidate('新人');
    const plan = (await newcomer.ok(START, { r: staff.regionId })).startOnboarding;
    const supporter = await approvedSupporter(t, staff, 2);
    expect(codeOf(await supporter.client.gql(PLAN, { id: plan.id }))).toBe('NOT_FOUND');
    expect(codeOf(await supporter.client.gql(COMPLETE_STEP, { p: plan.id, k: 'garbage' }))).toBe('NOT_FOUND');

    const m = (await newcomer.ok(REQUEST, { input: requestInput(staff.regionId) })).requestMentorship.id;
    await staff.ok(ASSIGN, { m, s: supporter.supporterId });
    const seen = (await supporter.client.ok(PLAN, { id: plan.id })).onboardingPlan;
    expect(seen.newcomer).toEqual({ accountId: newcomer.accountId, displayName: '新人', fullName: '佐藤 一郎', email: expect.stringContaining('@'), phone: '080-3333-4444' });
    expect((await supporter.client.ok(COMPLETE_STEP, { p: plan.id, k: 'garbage' })).completeOnboardingStep.progress).toBeCloseTo(1 / 3);

    // Staff of the region see it and the list; others do not.
    expect((await staff.ok(PLAN, { id: plan.id })).onboardingPlan.newcomer.phone).toBe('080-3333-4444');
    expect(codeOf(await staff.gql(COMPLETE_STEP, { p: plan.id, k: 'moving-in' }))).toBe('FORBIDDEN');
    const list = (await staff.ok(`query($r: ID!) { onboardingPlans(regionId: $r) { edges { node { id } } } }`, { r: staff.regionId })).onboardingPlans;
    expect(list.edges[0].node.id).toBe(plan.id);
    expect(codeOf(await newcomer.gql(`query($r: ID!) { onboardingPlans(regionId: $r) { totalCount } }`, { r: staff.regionId }))).toBe('FORBIDDEN');
    expect(codeOf(await (await t.candidate()).gql(PLAN, { id: plan.id }))).toBe('NOT_FOUND');
    expect(codeOf(await t.anonymous().gql(PLAN, { id: plan.id }))).toBe('UNAUTHENTICATED');

    await newcomer.ok(END_MENTORSHIP, { id: m });
    expect(codeOf(await supporter.client.gql(PLAN, { id: plan.id }))).toBe('NOT_FOUND');
    expect(codeOf(await supporter.client.gql(COMPLETE_STEP, { p: plan.id, k: 'moving-in' }))).toBe('NOT_FOUND');
    const mine = (await newcomer.ok(`{ myOnboardingPlans { id progress } }`)).myOnboardingPlans;
    expect(mine).toEqual([{ id: plan.id, progress: expect.closeTo(1 / 3) }]);
    expect(codeOf(await t.anonymous().gql(START, { r: staff.regionId }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await newcomer.gql(START, { r: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('steps marked concurrently are all kept', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ key: `step-${i}`, title: `手順 ${i}`, description: '' }));
    const s = await t.staff(['COMMUNITY_MANAGE']);
    await s.ok(SET_TEMPLATE, { input: { regionId: s.regionId, steps: many } });
    const newcomer = await t.candidate();
    const plan = (await newcomer.ok(START, { r: s.regionId })).startOnboarding;
    const results = await Promise.all(many.map((st) => newcomer.gql(COMPLETE_STEP, { p: plan.id, k: st.key })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const final = (await newcomer.ok(PLAN, { id: plan.id })).onboardingPlan;
    expect(final).toMatchObject({ status: 'COMPLETED', progress: 1 });
    expect(await events(t, 'community.onboarding.step-completed', plan.id)).toHaveLength(20);
    expect(await events(t, 'community.onboarding.completed', plan.id)).toHaveLength(1);
  });
});
