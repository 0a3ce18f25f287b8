import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { CareersPolicy } from './careers.policy.js';

const staff = (capabilities: Capability[], regionId = 'kesennuma', organizationId = 'biz') =>
  new Caller('s', AccountKind.STAFF, 's', 's@x.jp', [{ organizationId, regionId, role: MembershipRole.MEMBER, capabilities }]);
const careers = staff([Capability.CAREERS_MANAGE]);
const events = staff([Capability.EVENTS_MANAGE]);
const elsewhere = staff([Capability.CAREERS_MANAGE], 'ofunato', 'ofunato-cci');
const candidate = new Caller('c', AccountKind.CANDIDATE, 'c', 'c@x.jp', []);
const admin = new Caller('a', AccountKind.ADMIN, 'a', 'a@x.jp', []);

describe('CareersPolicy', () => {
  it('lets CAREERS_MANAGE staff manage in their own region only', () => {
    expect(CareersPolicy.manage(careers, 'kesennuma')).toBe(careers);
    for (const caller of [events, elsewhere, candidate, admin]) {
      expect(() => CareersPolicy.manage(caller, 'kesennuma')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(() => CareersPolicy.manage(null, 'kesennuma')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('registers employers only for the caller\'s own CAREERS_MANAGE organization', () => {
    expect(CareersPolicy.registerEmployer(careers, 'biz')).toBe(careers);
    expect(() => CareersPolicy.registerEmployer(careers, 'city')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => CareersPolicy.registerEmployer(events, 'biz')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('shows unpublished opportunities to the region\'s staff and admins only', () => {
    expect(CareersPolicy.seesUnpublished(careers, 'kesennuma')).toBe(true);
    expect(CareersPolicy.seesUnpublished(admin, 'kesennuma')).toBe(true);
    for (const caller of [events, elsewhere, candidate, null]) expect(CareersPolicy.seesUnpublished(caller, 'kesennuma')).toBe(false);
    expect(CareersPolicy.visibility(null)).toEqual({ all: false, regions: [] });
    expect(CareersPolicy.visibility(elsewhere)).toEqual({ all: false, regions: ['ofunato'] });
  });
});
