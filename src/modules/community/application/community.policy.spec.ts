import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/ddd/errors.js';
import { CommunityPolicy } from './community.policy.js';

const member = (organizationId: string, regionId: string, capabilities: Capability[]) => ({ organizationId, regionId, role: MembershipRole.MEMBER, capabilities });
const staff = new Caller('staff', AccountKind.STAFF, 's', 's@x', [member('org', 'r1', [Capability.COMMUNITY_MANAGE])]);
const sameRegionOtherOrg = new Caller('other', AccountKind.STAFF, 'o', 'o@x', [member('org2', 'r1', [Capability.COMMUNITY_MANAGE])]);
const careers = new Caller('careers', AccountKind.STAFF, 'c', 'c@x', [member('org3', 'r1', [Capability.CAREERS_MANAGE])]);
const admin = new Caller('admin', AccountKind.ADMIN, 'a', 'a@x', []);
const person = new Caller('person', AccountKind.CANDIDATE, 'p', 'p@x', []);
const supporter = new Caller('supporter', AccountKind.CANDIDATE, 'sp', 'sp@x', []);

describe('CommunityPolicy', () => {
  it('roles are run by staff of the role\'s organization only', () => {
    expect(() => CommunityPolicy.manageRole(null, 'org')).toThrow(UnauthenticatedError);
    expect(CommunityPolicy.manageRole(staff, 'org')).toBe(staff);
    for (const c of [sameRegionOtherOrg, careers, admin, person]) expect(() => CommunityPolicy.manageRole(c, 'org')).toThrow(ForbiddenError);
    expect(() => CommunityPolicy.readRoleApplications(admin, 'org')).not.toThrow();
  });

  it("the region's things are run by any COMMUNITY_MANAGE staff of the region", () => {
    expect(CommunityPolicy.manageRegion(sameRegionOtherOrg, 'r1')).toBe(sameRegionOtherOrg);
    expect(() => CommunityPolicy.manageRegion(staff, 'r2')).toThrow(ForbiddenError);
    expect(() => CommunityPolicy.manageRegion(careers, 'r1')).toThrow(ForbiddenError);
  });

  it("an applicant's contact details: the applicant, an ADMIN, the role's organization's staff", () => {
    const a = { accountId: 'person', organizationId: 'org' };
    expect([person, admin, staff].map((c) => CommunityPolicy.seesApplicantContact(c, a))).toEqual([true, true, true]);
    expect([null, sameRegionOtherOrg, careers, supporter].map((c) => CommunityPolicy.seesApplicantContact(c, a))).toEqual([false, false, false, false]);
  });

  it("a newcomer's contact details: also the supporter, only while ACTIVE", () => {
    const during = { accountId: 'person', regionId: 'r1', activeSupporterAccountId: 'supporter', providedOrganizationIds: ['org', 'org2'] };
    const after = { ...during, activeSupporterAccountId: null };
    expect(CommunityPolicy.seesNewcomerContact(supporter, during)).toBe(true);
    expect(CommunityPolicy.seesNewcomerContact(supporter, after)).toBe(false);
    expect([person, admin, staff, sameRegionOtherOrg].map((c) => CommunityPolicy.seesNewcomerContact(c, after))).toEqual([true, true, true, true]);
    expect(CommunityPolicy.seesNewcomerContact(careers, during)).toBe(false);
  });

  it("a newcomer's contact details: staff only of the organizations the request gave them to (a provision record each)", () => {
    const m = { accountId: 'person', regionId: 'r1', activeSupporterAccountId: null, providedOrganizationIds: ['org'] };
    expect([staff, sameRegionOtherOrg, careers].map((c) => CommunityPolicy.seesNewcomerContact(c, m))).toEqual([true, false, false]);
    // No request (a plan without a mentorship): no staff; the person and an ADMIN still do.
    const none = { ...m, providedOrganizationIds: [] };
    expect([staff, sameRegionOtherOrg, person, admin].map((c) => CommunityPolicy.seesNewcomerContact(c, none))).toEqual([false, false, true, true]);
    // An organization named but no longer COMMUNITY_MANAGE: not its staff.
    const lost = new Caller('lost', AccountKind.STAFF, 'l', 'l@x', [member('org', 'r1', [Capability.EVENTS_MANAGE])]);
    expect(CommunityPolicy.seesNewcomerContact(lost, m)).toBe(false);
    // Asked for before the records (null): the region's COMMUNITY_MANAGE staff, as then.
    const before = { ...m, providedOrganizationIds: null };
    expect([staff, sameRegionOtherOrg, careers].map((c) => CommunityPolicy.seesNewcomerContact(c, before))).toEqual([true, true, false]);
  });

  it('says who ended a mentorship, and refuses anyone else', () => {
    const m = { newcomerAccountId: 'person', supporterAccountId: 'supporter', regionId: 'r1' };
    expect(CommunityPolicy.endMentorship(person, m)).toBe('NEWCOMER');
    expect(CommunityPolicy.endMentorship(supporter, m)).toBe('SUPPORTER');
    expect(CommunityPolicy.endMentorship(staff, m)).toBe('STAFF');
    expect(() => CommunityPolicy.endMentorship(careers, m)).toThrow(ForbiddenError);
    expect(() => CommunityPolicy.endMentorship(supporter, { ...m, supporterAccountId: null })).toThrow(ForbiddenError);
  });

  it('steps are marked by the newcomer or their ACTIVE supporter; staff only read plans', () => {
    const plan = { newcomerAccountId: 'person', regionId: 'r1', activeSupporterAccountId: 'supporter' };
    expect(() => CommunityPolicy.completeStep(person, plan)).not.toThrow();
    expect(() => CommunityPolicy.completeStep(supporter, plan)).not.toThrow();
    expect(() => CommunityPolicy.completeStep(staff, plan)).toThrow(ForbiddenError);
    expect(CommunityPolicy.seesPlan(staff, plan)).toBe(true);
    expect(CommunityPolicy.seesPlan(supporter, { ...plan, activeSupporterAccountId: null })).toBe(false);
  });

  it('hidden roles and guides: everything for an ADMIN, the COMMUNITY_MANAGE regions for staff', () => {
    expect(CommunityPolicy.visibility(admin)).toEqual({ all: true });
    expect(CommunityPolicy.visibility(staff)).toEqual({ all: false, regions: ['r1'] });
    expect(CommunityPolicy.visibility(null)).toEqual({ all: false, regions: [] });
  });
});
