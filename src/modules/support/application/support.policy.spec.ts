import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { ConsultationTopic } from '#libs/contracts/support/enums.js';
import { SupportPolicy } from './support.policy.js';

const staff = (capabilities: Capability[], organizationId = 'biz', regionId = 'kesennuma') =>
  new Caller(`s-${organizationId}`, AccountKind.STAFF, 's', 's@x.jp', [{ organizationId, regionId, role: MembershipRole.MEMBER, capabilities }]);
const person = new Caller('p', AccountKind.CANDIDATE, 'p', 'p@x.jp', []);
const admin = new Caller('adm', AccountKind.ADMIN, 'a', 'a@x.jp', []);
const code = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('SupportPolicy', () => {
  it('lets staff offer slots only for their organization and the topics it handles', () => {
    const biz = staff([Capability.CAREERS_MANAGE]);
    expect(SupportPolicy.offerSlots(biz, 'biz', [ConsultationTopic.WORK])).toEqual({ regionId: 'kesennuma' });
    expect(code(() => SupportPolicy.offerSlots(biz, 'biz', [ConsultationTopic.WORK, ConsultationTopic.HOUSING]))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.offerSlots(biz, 'city', [ConsultationTopic.WORK]))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.offerSlots(admin, 'biz', [ConsultationTopic.WORK]))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.offerSlots(null, 'biz', [ConsultationTopic.WORK]))).toBe('UNAUTHENTICATED');
    const city = staff([Capability.COMMUNITY_MANAGE], 'city');
    expect(code(() => SupportPolicy.offerSlots(city, 'city', [ConsultationTopic.RELOCATION, ConsultationTopic.COMMUNITY]))).toBe('OK');
  });

  it('lets the person or routed staff book and cancel; only routed staff record the outcome', () => {
    const c = { accountId: 'p', routedTo: ['biz'] };
    expect(SupportPolicy.personOrRoutedStaff(person, c)).toBe('PERSON');
    expect(SupportPolicy.personOrRoutedStaff(staff([Capability.CAREERS_MANAGE]), c)).toBe('STAFF');
    expect(code(() => SupportPolicy.personOrRoutedStaff(staff([Capability.HOUSING_MANAGE], 'city'), c))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.personOrRoutedStaff(admin, c))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.routedStaff(person, c))).toBe('FORBIDDEN');
    expect(code(() => SupportPolicy.routedStaff(staff([Capability.CAREERS_MANAGE]), c))).toBe('OK');
    expect(SupportPolicy.maySeeOutcome(person, c)).toBe(false);
    expect(SupportPolicy.maySeeOutcome(admin, c)).toBe(true);
  });

  it('shows the whole journey to the person and an ADMIN, the serving modules to staff, nothing to others', () => {
    const biz = staff([Capability.CAREERS_MANAGE]);
    expect(SupportPolicy.journeyScope(person, 'p', [])).toBe('ALL');
    expect(SupportPolicy.journeyScope(admin, 'p', [])).toBe('ALL');
    expect(SupportPolicy.journeyScope(biz, 'p', ['support', 'matching'])).toEqual(['matching', 'support']);
    expect(SupportPolicy.journeyScope(biz, 'p', [])).toBeNull();
    expect(SupportPolicy.journeyScope(new Caller('other', AccountKind.CANDIDATE, 'o', 'o@x.jp', []), 'p', ['support'])).toBeNull();
    expect(SupportPolicy.journeyScope(null, 'p', ['support'])).toBeNull();
  });

  it('shows the whole journey to staff the person shares it with (CONSORTIUM_SHARING), never to a candidate', () => {
    const museum = staff([], 'museum');
    expect(SupportPolicy.journeyScope(museum, 'p', [], true)).toBe('ALL');
    expect(SupportPolicy.journeyScope(staff([Capability.CAREERS_MANAGE]), 'p', ['support'], true)).toBe('ALL');
    expect(SupportPolicy.journeyScope(museum, 'p', [], false)).toBeNull();
    expect(SupportPolicy.journeyScope(new Caller('other', AccountKind.CANDIDATE, 'o', 'o@x.jp', []), 'p', [], true)).toBeNull();
    expect(SupportPolicy.journeyScope(null, 'p', [], true)).toBeNull();
  });

  it('gives lists to staff (their organizations in the region) and ADMIN (all); refuses candidates', () => {
    expect(SupportPolicy.staffOrganizationsIn(staff([Capability.CAREERS_MANAGE]), 'kesennuma')).toEqual(['biz']);
    expect(SupportPolicy.staffOrganizationsIn(staff([Capability.CAREERS_MANAGE]), 'ofunato')).toEqual([]);
    expect(SupportPolicy.staffOrganizationsIn(admin, 'kesennuma')).toBeNull();
    expect(code(() => SupportPolicy.staffOrganizationsIn(person, 'kesennuma'))).toBe('FORBIDDEN');
  });
});
