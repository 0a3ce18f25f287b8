import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';
import { StayStatus, ViewingStatus } from '#libs/contracts/housing/enums.js';

/** Which listings a caller sees beyond the PUBLISHED ones everyone sees. */
export type ListingVisibility = { all: true } | { all: false; organizations: string[] };

const ENDED: readonly string[] = [StayStatus.CANCELLED, StayStatus.DECLINED, ViewingStatus.CANCELLED, ViewingStatus.DECLINED];

/**
 * Who may do what in housing. "Managing staff" are the staff of the listing's organization,
 * which holds HOUSING_MANAGE (in its own region: an organization belongs to one).
 */
export const HousingPolicy = {
  /** The region of `organizationId` if the caller may create its listings. */
  createListing(caller: Caller | null, organizationId: string): { organizationId: string; regionId: string } {
    const known = requireCaller(caller);
    const membership = known.memberships.find((m) => m.organizationId === organizationId && m.capabilities.includes(Capability.HOUSING_MANAGE));
    if (!membership) throw new ForbiddenError('Only staff of this organization, with HOUSING_MANAGE, may create its listings');
    return { organizationId, regionId: membership.regionId };
  },

  manages(caller: Caller | null, organizationId: string): boolean {
    return !!caller && caller.canFor(Capability.HOUSING_MANAGE, organizationId);
  },

  /** Managing staff only. */
  manage(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (!HousingPolicy.manages(known, organizationId)) {
      throw new ForbiddenError("Only staff of the listing's organization, with HOUSING_MANAGE, may do this");
    }
    return known;
  },

  /** Managing staff or an ADMIN see a listing in any status, its stays and viewings. */
  oversees(caller: Caller | null, organizationId: string): boolean {
    return !!caller && (caller.isAdmin || HousingPolicy.manages(caller, organizationId));
  },

  /** Beyond PUBLISHED: everything for an ADMIN, their organizations' listings for managing staff. */
  visibility(caller: Caller | null): ListingVisibility {
    if (caller?.isAdmin) return { all: true };
    const organizations = caller
      ? caller.memberships.filter((m) => m.capabilities.includes(Capability.HOUSING_MANAGE)).map((m) => m.organizationId)
      : [];
    return { all: false, organizations };
  },

  /**
   * The street address: managing staff, an ADMIN, and people with a CONFIRMED or CHECKED_IN
   * stay or a SCHEDULED viewing there (`holdsAccess`).
   */
  seesAddress(caller: Caller | null, organizationId: string, holdsAccess: boolean): boolean {
    return HousingPolicy.oversees(caller, organizationId) || (!!caller && holdsAccess);
  },

  /**
   * A guest's or requester's fullName, email and phone: the person, an ADMIN, and managing
   * staff while the stay or viewing is not CANCELLED or DECLINED.
   */
  seesContact(caller: Caller | null, person: string, organizationId: string, status: string): boolean {
    if (!caller) return false;
    if (caller.accountId === person || caller.isAdmin) return true;
    return HousingPolicy.manages(caller, organizationId) && !ENDED.includes(status);
  },

  /** A stay or viewing: the person, managing staff, an ADMIN. */
  seesRequest(caller: Caller | null, person: string, organizationId: string): boolean {
    return !!caller && (caller.accountId === person || HousingPolicy.oversees(caller, organizationId));
  },
};
