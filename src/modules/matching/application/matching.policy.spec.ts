import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { MatchingPolicy } from './matching.policy.js';

const staff = (capabilities: Capability[], regionId = 'kesennuma') =>
  new Caller('s', AccountKind.STAFF, 's', 's@x.jp', [{ organizationId: 'o', regionId, role: MembershipRole.MEMBER, capabilities }]);
const candidate = new Caller('cand', AccountKind.CANDIDATE, 'c', 'c@x.jp', []);
const admin = new Caller('adm', AccountKind.ADMIN, 'a', 'a@x.jp', []);

describe('MatchingPolicy', () => {
  it('lets CAREERS_MANAGE or MATCHING_COORDINATE staff of the region act for the employer side', () => {
    expect(MatchingPolicy.isRegionStaff(staff([Capability.CAREERS_MANAGE]), 'kesennuma')).toBe(true);
    expect(MatchingPolicy.isRegionStaff(staff([Capability.MATCHING_COORDINATE]), 'kesennuma')).toBe(true);
    expect(MatchingPolicy.isRegionStaff(staff([Capability.EVENTS_MANAGE]), 'kesennuma')).toBe(false);
    expect(MatchingPolicy.isRegionStaff(staff([Capability.CAREERS_MANAGE], 'ofunato'), 'kesennuma')).toBe(false);
    expect(() => MatchingPolicy.coordinate(staff([Capability.CAREERS_MANAGE]), 'kesennuma')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('shows contact details to the candidate, an ADMIN, and staff of a region with a live match only', () => {
    const anyStaff = staff([Capability.EVENTS_MANAGE]);
    expect(MatchingPolicy.seesContact(candidate, 'cand', [])).toBe(true);
    expect(MatchingPolicy.seesContact(admin, 'cand', [])).toBe(true);
    expect(MatchingPolicy.seesContact(anyStaff, 'cand', [])).toBe(false);
    expect(MatchingPolicy.seesContact(anyStaff, 'cand', ['kesennuma'])).toBe(true);
    expect(MatchingPolicy.seesContact(staff([Capability.CAREERS_MANAGE], 'ofunato'), 'cand', ['kesennuma'])).toBe(false);
    expect(MatchingPolicy.seesContact(null, 'cand', ['kesennuma'])).toBe(false);
  });

  it('lets the coordinator move and write in a match, but not a stranger', () => {
    const match = { accountId: 'cand', regionId: 'kesennuma', coordinatorAccountId: 'coord' };
    const coordinatorElsewhere = new Caller('coord', AccountKind.STAFF, 'c', 'c@x.jp', []);
    expect(MatchingPolicy.advance(coordinatorElsewhere, match)).toBe(coordinatorElsewhere);
    expect(() => MatchingPolicy.advance(candidate, match)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(MatchingPolicy.message(candidate, match)).toBe(candidate);
    expect(() => MatchingPolicy.message(staff([Capability.CAREERS_MANAGE], 'ofunato'), match)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
