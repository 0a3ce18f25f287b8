import { AccountKind, Caller, Capability, MembershipRole } from './caller.js';
import { requireAdmin, requireCaller } from './require.js';

const staff = new Caller('a1', AccountKind.STAFF, 'スタッフ', 's@x.jp', [
  { organizationId: 'biz', regionId: 'kesennuma', role: MembershipRole.OWNER, capabilities: [Capability.CAREERS_MANAGE] },
  { organizationId: 'city', regionId: 'ofunato', role: MembershipRole.MEMBER, capabilities: [Capability.EVENTS_MANAGE] },
]);

describe('Caller', () => {
  it('may run a capability only in the region of an organization that has it', () => {
    expect(staff.can(Capability.CAREERS_MANAGE, 'kesennuma')).toBe(true);
    expect(staff.can(Capability.CAREERS_MANAGE, 'ofunato')).toBe(false);
    expect(staff.can(Capability.EVENTS_MANAGE, 'kesennuma')).toBe(false);
    expect(staff.regionsWith(Capability.EVENTS_MANAGE)).toEqual(['ofunato']);
  });

  it('knows which organizations it owns', () => {
    expect(staff.isOwnerOf('biz')).toBe(true);
    expect(staff.isOwnerOf('city')).toBe(false);
  });

  it('requireAdmin: UNAUTHENTICATED anonymous, FORBIDDEN for others', () => {
    expect(() => requireCaller(null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => requireAdmin(staff)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    const admin = new Caller('a2', AccountKind.ADMIN, 'admin', 'a@x.jp', []);
    expect(requireAdmin(admin)).toBe(admin);
  });
});
