import { CommunityRoleStatus, GuideStatus, MentorshipStatus, OnboardingStatus, RoleApplicationStatus, RoleCategory } from '#libs/contracts/community/enums.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { CommunityRole, type RoleTerms } from './community-role.aggregate.js';
import { Guide } from './guide.aggregate.js';
import { Mentorship } from './mentorship.aggregate.js';
import { OnboardingPlan, OnboardingTemplate, checkSteps, progressOf } from './onboarding.aggregate.js';
import { RoleApplication, type RoleFacts } from './role-application.aggregate.js';
import { Supporter } from './supporter.aggregate.js';

const terms: RoleTerms = {
  category: RoleCategory.FESTIVAL, title: 'みなとまつり', description: '運営', hoursPerMonth: 8, onsite: true, seats: 3, startsOn: null,
};
const org = { id: 'o1', regionId: 'r1' };
const person = { accountId: 'a1', displayName: '花子', email: 'h@example.com', fullName: '山田 花子', phone: '０９０-1111-2222' };
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { reason?: string; code?: string }).reason ?? (e as { code?: string }).code;
  }
  return undefined;
};

describe('CommunityRole', () => {
  it('moves DRAFT -> OPEN -> CLOSED and nothing else', () => {
    const role = CommunityRole.create(org, terms);
    expect(role.state.status).toBe(CommunityRoleStatus.DRAFT);
    expect(reasonOf(() => role.close())).toBe('INVALID_STATUS_TRANSITION');
    role.open();
    expect(reasonOf(() => role.open())).toBe('INVALID_STATUS_TRANSITION');
    role.close();
    expect(role.state.status).toBe(CommunityRoleStatus.CLOSED);
    expect(reasonOf(() => role.update({ title: 'x' }))).toBe('ROLE_CLOSED');
  });

  it('refuses bad terms naming the field, and seats below the accepted', () => {
    expect(() => CommunityRole.create(org, { ...terms, seats: 0 })).toThrow(InvalidInputError);
    expect(() => CommunityRole.create(org, { ...terms, startsOn: '2026-13-01' })).toThrow(/startsOn/);
    const role = CommunityRole.restore('r', 1, { ...terms, organizationId: 'o1', regionId: 'r1', status: CommunityRoleStatus.OPEN, acceptedCount: 2, createdAt: new Date(), updatedAt: new Date() });
    expect(() => role.update({ seats: 1 })).toThrow(/seats/);
    role.update({ seats: 2, title: '新しい名前', startsOn: undefined });
    expect(role.state).toMatchObject({ seats: 2, title: '新しい名前', startsOn: null });
  });

  it('records one RoleApplicationDeclined per application declined on closing', () => {
    const role = CommunityRole.create(org, terms);
    role.declinedOnClose([{ applicationId: 'x', accountId: 'p' }, { applicationId: 'y', accountId: 'q' }]);
    expect(role.pullEvents().map((e) => [e.type, e.aggregateId, (e.payload as { applicationId: string }).applicationId])).toEqual([
      ['community.role-application.declined', role.id, 'x'],
      ['community.role-application.declined', role.id, 'y'],
    ]);
  });
});

describe('RoleApplication', () => {
  const open: RoleFacts = { id: 'role', regionId: 'r1', organizationId: 'o1', category: RoleCategory.FESTIVAL, title: 't', status: CommunityRoleStatus.OPEN };

  it('needs an OPEN role and good contact details; keeps the phone normalized', () => {
    expect(reasonOf(() => RoleApplication.submit({ ...open, status: CommunityRoleStatus.CLOSED }, person, 'm'))).toBe('ROLE_NOT_OPEN');
    expect(() => RoleApplication.submit(open, { ...person, phone: 'abc' }, 'm')).toThrow(/phone/);
    expect(() => RoleApplication.submit(open, person, ' ')).toThrow(/motivation/);
    const a = RoleApplication.submit(open, person, 'm');
    expect(a.state.applicant.phone).toBe('090-1111-2222');
    expect(a.pullEvents().map((e) => [e.type, e.aggregateId])).toEqual([['community.role-application.submitted', 'role']]);
  });

  it('follows APPLIED -> ACCEPTED -> ENDED; APPLIED -> DECLINED; APPLIED or ACCEPTED -> WITHDRAWN', () => {
    const restore = (status: RoleApplicationStatus) =>
      RoleApplication.restore('a', 1, { role: open, applicant: person, motivation: 'm', status, createdAt: new Date(), updatedAt: new Date() });
    expect(() => restore(RoleApplicationStatus.APPLIED).acceptable()).not.toThrow();
    const full = RoleApplication.restore('a', 1, { role: { ...open, seatsLeft: 0 }, applicant: person, motivation: 'm', status: RoleApplicationStatus.APPLIED, createdAt: new Date(), updatedAt: new Date() });
    expect(reasonOf(() => full.acceptable())).toBe('ROLE_FULL');
    expect(reasonOf(() => restore(RoleApplicationStatus.ACCEPTED).acceptable())).toBe('INVALID_STATUS_TRANSITION');
    expect(restore(RoleApplicationStatus.APPLIED).withdraw()).toEqual({ freedSeat: false });
    expect(restore(RoleApplicationStatus.ACCEPTED).withdraw()).toEqual({ freedSeat: true });
    expect(restore(RoleApplicationStatus.ACCEPTED).end()).toEqual({ freedSeat: true });
    for (const s of [RoleApplicationStatus.DECLINED, RoleApplicationStatus.WITHDRAWN, RoleApplicationStatus.ENDED]) {
      expect(reasonOf(() => restore(s).withdraw())).toBe('INVALID_STATUS_TRANSITION');
      expect(reasonOf(() => restore(s).decline())).toBe('INVALID_STATUS_TRANSITION');
      expect(reasonOf(() => restore(s).end())).toBe('INVALID_STATUS_TRANSITION');
    }
    expect(reasonOf(() => restore(RoleApplicationStatus.ACCEPTED).decline())).toBe('INVALID_STATUS_TRANSITION');
    expect(reasonOf(() => restore(RoleApplicationStatus.APPLIED).end())).toBe('INVALID_STATUS_TRANSITION');
  });
});

describe('Supporter', () => {
  it('volunteers unapproved with clean topics; approval is idempotent; maxNewcomers never below the active', () => {
    const s = Supporter.volunteer('r1', person, { topics: [' 漁業', '漁業', '', 'ＩＴ'], bio: ' 漁師 ', maxNewcomers: 2 });
    expect(s.state).toMatchObject({ approved: false, active: true, topics: ['漁業', 'IT'], bio: '漁師', activeNewcomers: 0 });
    s.approve();
    s.approve();
    expect(s.state.approved).toBe(true);
    expect(() => Supporter.volunteer('r1', person, { topics: [], bio: '', maxNewcomers: 0 })).toThrow(/maxNewcomers/);
    const busy = Supporter.restore('s', 1, { ...s.state, activeNewcomers: 2 });
    expect(() => busy.update({ maxNewcomers: 1 })).toThrow(/maxNewcomers/);
    busy.update({ active: false });
    expect(busy.state.active).toBe(false);
  });
});

describe('Mentorship', () => {
  it('asked for: one provision fact per organization it is addressed to (REQUEST, occasion mentorship), kept on the mentorship', () => {
    const m = Mentorship.request('r1', person, ['子育て'], null, ['org-b', 'org-a', 'org-b']);
    expect(m.state.providedOrganizationIds).toEqual(['org-a', 'org-b']);
    const [requested] = m.pullEvents();
    expect(requested.type).toBe('community.mentorship.requested');
    expect((requested.payload as { provided: unknown[] }).provided).toEqual(['org-a', 'org-b'].map((org) => ({
      subjectAccountId: person.accountId, recipientOrganizationId: org, recipientAccountId: null, purpose: '伴走サポーターの調整と連絡のため',
      fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'mentorship', occasionId: m.id,
    })));
    expect(Mentorship.request('r1', person, [], null, []).pullEvents()[0].payload).toMatchObject({ provided: [] });
  });

  it('REQUESTED -> DECLINED or ENDED; ACTIVE -> ENDED frees the supporter; nothing after', () => {
    const m = Mentorship.request('r1', person, ['子育て'], null, ['org']);
    expect(m.state.status).toBe(MentorshipStatus.REQUESTED);
    expect(() => m.assignable('a1')).toThrow(/supporterId/);
    expect(m.end('NEWCOMER')).toEqual({ freedSupporterId: null });
    expect(reasonOf(() => m.end('STAFF'))).toBe('INVALID_STATUS_TRANSITION');
    const active = Mentorship.restore('m', 2, { ...m.state, status: MentorshipStatus.ACTIVE, supporterId: 's1' });
    expect(reasonOf(() => active.decline())).toBe('INVALID_STATUS_TRANSITION');
    expect(reasonOf(() => active.assignable('other'))).toBe('INVALID_STATUS_TRANSITION');
    expect(active.end('SUPPORTER')).toEqual({ freedSupporterId: 's1' });
    expect(active.pullEvents()[0].payload).toMatchObject({ endedBy: 'SUPPORTER', supporterId: 's1' });
  });
});

describe('onboarding', () => {
  const steps = [
    { key: 'a', title: 'A', description: '', guideId: null },
    { key: 'b', title: 'B', description: '', guideId: 'g' },
  ];

  it('checks steps: one or more, keys unique and well formed', () => {
    expect(() => checkSteps([])).toThrow(/steps/);
    expect(() => checkSteps([steps[0], { ...steps[1], key: 'a' }])).toThrow(/steps\.1\.key/);
    expect(() => checkSteps([{ ...steps[0], key: 'A B' }])).toThrow(/steps\.0\.key/);
    expect(checkSteps(steps)).toEqual(steps);
  });

  it('copies the template; marking is idempotent; COMPLETED with the last; progress a fraction', () => {
    const template = OnboardingTemplate.empty('r1');
    template.replace(steps);
    const plan = OnboardingPlan.start(template, person);
    template.replace([{ key: 'z', title: 'Z', description: '', guideId: null }]);
    expect(plan.state.steps.map((s) => s.key)).toEqual(['a', 'b']);
    plan.completeStep('b');
    plan.completeStep('b');
    expect(progressOf(plan.state.steps)).toBe(0.5);
    expect(() => plan.completeStep('z')).toThrow(/key/);
    plan.completeStep('a');
    expect(plan.state.status).toBe(OnboardingStatus.COMPLETED);
    expect(plan.pullEvents().map((e) => e.type)).toEqual([
      'community.onboarding.started', 'community.onboarding.step-completed', 'community.onboarding.step-completed', 'community.onboarding.completed',
    ]);
  });
});

describe('Guide', () => {
  it('DRAFT -> PUBLISHED -> ARCHIVED; edits keep the status', () => {
    const g = Guide.write('r1', { category: '防災', title: '避難', body: '# 避難' });
    expect(reasonOf(() => Guide.write('r1', { category: '', title: 't', body: 'b' }))).toBe('BAD_USER_INPUT');
    g.publish();
    expect(reasonOf(() => g.publish())).toBe('INVALID_STATUS_TRANSITION');
    g.edit({ category: '防災', title: '避難場所', body: '# 避難場所' });
    expect(g.state).toMatchObject({ status: GuideStatus.PUBLISHED, title: '避難場所' });
    g.archive();
    expect(reasonOf(() => g.archive())).toBe('INVALID_STATUS_TRANSITION');
    expect(reasonOf(() => g.edit({ category: '防災', title: '避難', body: '# 避難' }))).toBe('INVALID_STATUS_TRANSITION');
    // A draft is published before it is archived.
    expect(reasonOf(() => Guide.write('r1', { category: '防災', title: '下書き', body: '…' }).archive())).toBe('INVALID_STATUS_TRANSITION');
  });
});

describe('erasure of a person (contract 90-privacy)', () => {
  const open: RoleFacts = { id: 'role', regionId: 'r1', organizationId: 'o1', category: RoleCategory.FESTIVAL, title: 't', status: CommunityRoleStatus.OPEN };
  const erased = { accountId: 'a1', displayName: '退会済みユーザー', email: '', fullName: '', phone: '' };
  const types = (a: { pullEvents(): Array<{ type: string; payload: unknown }> }) => a.pullEvents().map((e) => e.type);

  it('an application: withdrawn as the applicant would (a seat freed when ACCEPTED), emptied, once', () => {
    const a = RoleApplication.restore('app', 2, { role: open, applicant: person, motivation: '電話ください', status: RoleApplicationStatus.ACCEPTED, createdAt: new Date(), updatedAt: new Date() });
    expect(a.erase()).toEqual({ changed: true, freedSeat: true });
    expect(a.state).toMatchObject({ status: RoleApplicationStatus.WITHDRAWN, applicant: erased, motivation: '' });
    expect(types(a)).toEqual(['community.role-application.withdrawn']);
    expect(a.erase()).toEqual({ changed: false, freedSeat: false });
    const declined = RoleApplication.restore('d', 2, { role: open, applicant: person, motivation: 'x', status: RoleApplicationStatus.DECLINED, createdAt: new Date(), updatedAt: new Date() });
    expect(declined.erase()).toEqual({ changed: true, freedSeat: false });
    expect(types(declined)).toEqual([]);
  });

  it('a mentorship: ended as the newcomer would (the supporter\'s place freed), emptied, once', () => {
    const m = Mentorship.restore('m', 2, { regionId: 'r1', newcomer: person, topics: ['漁業'], message: 'よろしく', supporterId: 's1', providedOrganizationIds: ['org'], status: MentorshipStatus.ACTIVE, createdAt: new Date(), updatedAt: new Date() });
    expect(m.eraseNewcomer()).toEqual({ changed: true, freedSupporterId: 's1' });
    expect(m.state).toMatchObject({ status: MentorshipStatus.ENDED, newcomer: erased, message: null, topics: ['漁業'] });
    expect(m.pullEvents().map((e) => (e.payload as { endedBy: string }).endedBy)).toEqual(['NEWCOMER']);
    expect(m.eraseNewcomer()).toEqual({ changed: false, freedSupporterId: null });
  });

  it('a supporter: deactivated, named 退会済みユーザー, the bio emptied, once; a plan keeps its steps', () => {
    const s = Supporter.volunteer('r1', person, { topics: ['漁業'], bio: '連絡は 090-1111-2222', maxNewcomers: 2 });
    expect(s.erase()).toBe(true);
    expect(s.state).toMatchObject({ active: false, displayName: '退会済みユーザー', bio: '', topics: ['漁業'] });
    expect(s.erase()).toBe(false);
    const template = OnboardingTemplate.restore('r1', 1, [{ key: 'a', title: 'A', description: '', guideId: null }], new Date());
    const plan = OnboardingPlan.start(template, person);
    plan.completeStep('a');
    expect(plan.eraseNewcomer()).toBe(true);
    expect(plan.state).toMatchObject({ newcomer: { accountId: 'a1', displayName: '退会済みユーザー', email: '' }, status: OnboardingStatus.COMPLETED });
    expect(plan.eraseNewcomer()).toBe(false);
  });
});
