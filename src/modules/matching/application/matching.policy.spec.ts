import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { NO_ANSWER, type MatchingConsent } from '../domain/matching-consent.js';
import { MatchingPolicy, type ProfileAccess } from './matching.policy.js';

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

  describe('personal data (contracts 40-matching and 90-privacy)', () => {
    const member = (organizationId: string, regionId: string, capabilities = [Capability.CAREERS_MANAGE]) =>
      new Caller(`s-${organizationId}`, AccountKind.STAFF, 's', 's@x.jp', [{ organizationId, regionId, role: MembershipRole.MEMBER, capabilities }]);
    const consent = (general: boolean | null, own: Record<string, boolean> = {}): MatchingConsent => ({
      general, organizations: new Map(Object.entries(own)),
    });
    const access = (over: Partial<ProfileAccess> = {}): ProfileAccess => ({
      accountId: 'cand', desiredRegionIds: ['kesennuma'], erased: false, matches: [], consent: NO_ANSWER, ...over,
    });
    const matchIn = (stage: string, providedOrganizationIds: string[] | null = ['employer', 'city'], regionId = 'kesennuma') => ({
      regionId, stage, providedOrganizationIds,
    });

    it('shows a profile to staff of its desired regions or of a match, while MATCHING holds for their organization', () => {
      const employer = member('employer', 'kesennuma');
      expect(MatchingPolicy.seesProfile(employer, access())).toBe(true);
      expect(MatchingPolicy.seesProfile(member('x', 'ofunato'), access())).toBe(false);
      expect(MatchingPolicy.seesProfile(member('x', 'ofunato'), access({ matches: [matchIn('MEETING', null, 'ofunato')] }))).toBe(true);
      expect(MatchingPolicy.seesProfile(member('x', 'ofunato'), access({ matches: [matchIn('WITHDRAWN', null, 'ofunato')] }))).toBe(false);
      expect(MatchingPolicy.seesProfile(member('e', 'kesennuma', [Capability.EVENTS_MANAGE]), access())).toBe(false);
      // Withdrawn generally, or for that organization (its own answer wins either way).
      expect(MatchingPolicy.seesProfile(employer, access({ consent: consent(false) }))).toBe(false);
      expect(MatchingPolicy.seesProfile(employer, access({ consent: consent(true, { employer: false }) }))).toBe(false);
      expect(MatchingPolicy.seesProfile(employer, access({ consent: consent(false, { employer: true }) }))).toBe(true);
      expect(MatchingPolicy.seesProfile(member('city', 'kesennuma'), access({ consent: consent(null, { employer: false }) }))).toBe(true);
      // A live match does not bring a withdrawn profile back to candidate(id).
      expect(MatchingPolicy.seesProfile(employer, access({ consent: consent(false), matches: [matchIn('MATCHED')] }))).toBe(false);
      expect(MatchingPolicy.seesProfile(candidate, access({ consent: consent(false) }))).toBe(true);
      expect(MatchingPolicy.seesProfile(admin, access({ consent: consent(false) }))).toBe(true);
      expect(MatchingPolicy.seesProfile(admin, access({ erased: true }))).toBe(false);
      expect(MatchingPolicy.seesProfile(null, access())).toBe(false);
    });

    it('sends a scout from the first of the caller\'s organizations in the region that may see the profile', () => {
      const both = new Caller('s', AccountKind.STAFF, 's', 's@x.jp', [
        { organizationId: 'a', regionId: 'kesennuma', role: MembershipRole.MEMBER, capabilities: [Capability.MATCHING_COORDINATE] },
        { organizationId: 'b', regionId: 'kesennuma', role: MembershipRole.MEMBER, capabilities: [Capability.CAREERS_MANAGE] },
      ]);
      expect(MatchingPolicy.organizationsSeeingProfile(both, access(), 'kesennuma')).toEqual(['a', 'b']);
      expect(MatchingPolicy.organizationsSeeingProfile(both, access({ consent: consent(null, { a: false }) }), 'kesennuma')).toEqual(['b']);
      expect(MatchingPolicy.organizationsSeeingProfile(both, access({ consent: consent(false) }), 'kesennuma')).toEqual([]);
      expect(MatchingPolicy.organizationsSeeingProfile(both, access({ desiredRegionIds: [] }), 'kesennuma')).toEqual([]);
      expect(MatchingPolicy.organizationsSeeingProfile(both, access({ erased: true }), 'kesennuma')).toEqual([]);
    });

    it('shows contact details to the candidate, an ADMIN, and the organizations a live match gave them to', () => {
      const employer = member('employer', 'kesennuma', [Capability.EVENTS_MANAGE]);
      const latecomer = member('new', 'kesennuma');
      expect(MatchingPolicy.seesContact(candidate, access())).toBe(true);
      expect(MatchingPolicy.seesContact(admin, access())).toBe(true);
      expect(MatchingPolicy.seesContact(employer, access())).toBe(false);
      expect(MatchingPolicy.seesContact(employer, access({ matches: [matchIn('MATCHED')] }))).toBe(true);
      expect(MatchingPolicy.seesContact(latecomer, access({ matches: [matchIn('MATCHED')] }))).toBe(false);
      expect(MatchingPolicy.seesContact(employer, access({ matches: [matchIn('WITHDRAWN')] }))).toBe(false);
      expect(MatchingPolicy.seesContact(member('employer', 'ofunato'), access({ matches: [matchIn('MATCHED', ['other'])] }))).toBe(false);
      // A match made before provision records: its region's staff, as then.
      expect(MatchingPolicy.seesContact(latecomer, access({ matches: [matchIn('TRIAL', null)] }))).toBe(true);
      expect(MatchingPolicy.seesContact(member('x', 'ofunato'), access({ matches: [matchIn('TRIAL', null)] }))).toBe(false);
      expect(MatchingPolicy.seesContact(null, access({ matches: [matchIn('MATCHED')] }))).toBe(false);
      expect(MatchingPolicy.seesContact(admin, access({ erased: true }))).toBe(false);
    });

    it('keeps a live match\'s contact details after MATCHING is withdrawn, until WITHDRAWN or COMPLETED', () => {
      const employer = member('employer', 'kesennuma');
      const withdrawn = consent(false);
      expect(MatchingPolicy.seesContact(employer, access({ consent: withdrawn, matches: [matchIn('ENGAGED')] }))).toBe(true);
      expect(MatchingPolicy.seesContact(employer, access({ consent: withdrawn, matches: [matchIn('COMPLETED')] }))).toBe(false);
      expect(MatchingPolicy.seesContact(employer, access({ matches: [matchIn('COMPLETED')] }))).toBe(true);
      expect(MatchingPolicy.seesContact(employer, access({ consent: consent(null, { city: false }), matches: [matchIn('COMPLETED')] }))).toBe(true);
    });
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
