import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { IdentityPolicy } from './identity.policy.js';

const admin = new Caller('a', AccountKind.ADMIN, 'admin', 'a@x.jp', []);
const owner = new Caller('o', AccountKind.STAFF, 'owner', 'o@x.jp', [
  { organizationId: 'org-1', regionId: 'r', role: MembershipRole.OWNER, capabilities: [Capability.EVENTS_MANAGE] },
]);
const member = new Caller('m', AccountKind.STAFF, 'member', 'm@x.jp', [
  { organizationId: 'org-1', regionId: 'r', role: MembershipRole.MEMBER, capabilities: [Capability.EVENTS_MANAGE] },
]);
const candidate = new Caller('c', AccountKind.CANDIDATE, 'c', 'c@x.jp', []);

describe('IdentityPolicy', () => {
  it('lets only an ADMIN create regions and organizations', () => {
    expect(IdentityPolicy.createRegion(admin)).toBe(admin);
    for (const caller of [owner, member, candidate]) {
      expect(() => IdentityPolicy.createRegion(caller)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect(() => IdentityPolicy.createOrganization(caller)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(() => IdentityPolicy.createRegion(null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('lets an ADMIN or an OWNER of that organization add staff', () => {
    expect(IdentityPolicy.createStaffAccount(admin, 'org-1')).toBe(admin);
    expect(IdentityPolicy.createStaffAccount(owner, 'org-1')).toBe(owner);
    expect(() => IdentityPolicy.createStaffAccount(owner, 'org-2')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => IdentityPolicy.createStaffAccount(member, 'org-1')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => IdentityPolicy.createStaffAccount(candidate, 'org-1')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('lets any signed-in caller sign out the token they came with, and change their own password', () => {
    const session = { tokenId: '0b8a4d4e-5f7e-4a51-8a0e-2a4a7c9d1e22', expiresAt: new Date() };
    const signedIn = new Caller('c', AccountKind.CANDIDATE, 'c', 'c@x.jp', [], session);
    expect(IdentityPolicy.signOut(signedIn)).toEqual({ caller: signedIn, session });
    // A caller made in code has no token to revoke.
    expect(() => IdentityPolicy.signOut(candidate)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => IdentityPolicy.signOut(null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    for (const caller of [admin, owner, candidate]) expect(IdentityPolicy.changePassword(caller)).toBe(caller);
    expect(() => IdentityPolicy.changePassword(null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
