import { Capability, type Caller, type CallerMembership } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';
import { grantsMatching, type MatchingConsent } from '../domain/matching-consent.js';

const SIDE = [Capability.CAREERS_MANAGE, Capability.MATCHING_COORDINATE];

/** A membership through which its organization acts for the employer side in its region. */
const actsForEmployers = (m: CallerMembership) => SIDE.some((c) => m.capabilities.includes(c));

/** One of the candidate's matches as far as who sees the profile and its contact details goes. */
export interface ProfileMatch {
  regionId: string;
  stage: string;
  /** The organizations the match gave the contact details to; null for a match made before provision records (its region's). */
  providedOrganizationIds: readonly string[] | null;
}

/** What, besides the caller, decides who sees a candidate's profile and its contact details. */
export interface ProfileAccess {
  accountId: string;
  desiredRegionIds: readonly string[];
  erased: boolean;
  /** The candidate's matches (WITHDRAWN ones may be left out: they give nothing). */
  matches: readonly ProfileMatch[];
  consent: MatchingConsent;
}

/**
 * Whether the organization of membership `m` may see the profile (without contact details):
 * the person's MATCHING consent covers it, and it works in a region the person desires or
 * where they have a match.
 */
const profileShownTo = (m: CallerMembership, access: ProfileAccess) =>
  actsForEmployers(m) &&
  grantsMatching(access.consent, m.organizationId) &&
  (access.desiredRegionIds.includes(m.regionId) || access.matches.some((x) => x.stage !== 'WITHDRAWN' && x.regionId === m.regionId));

/**
 * Whether the organization of membership `m` sees the contact details through `match`: the
 * match gave them to it (for an older match: it works in the match's region), and the match
 * lives — not WITHDRAWN, and not COMPLETED once the person withdrew MATCHING for it.
 */
const contactShownTo = (m: CallerMembership, match: ProfileMatch, consent: MatchingConsent) =>
  match.stage !== 'WITHDRAWN' &&
  (match.providedOrganizationIds === null ? match.regionId === m.regionId : match.providedOrganizationIds.includes(m.organizationId)) &&
  (match.stage !== 'COMPLETED' || grantsMatching(consent, m.organizationId));

/**
 * Who may do what in matching. Staff with CAREERS_MANAGE or MATCHING_COORDINATE in the
 * opportunity's region act for the employer side; coordinators need MATCHING_COORDINATE.
 */
export const MatchingPolicy = {
  candidate(caller: Caller | null): Caller {
    const known = requireCaller(caller);
    if (!known.isCandidate) throw new ForbiddenError('Only a candidate account may do this');
    return known;
  },

  /** Whether the caller acts for the employer side in `regionId`. */
  isRegionStaff(caller: Caller | null, regionId: string): boolean {
    return !!caller && SIDE.some((c) => caller.can(c, regionId));
  },

  employerSide(caller: Caller | null, regionId: string): Caller {
    const known = requireCaller(caller);
    if (!MatchingPolicy.isRegionStaff(known, regionId)) {
      throw new ForbiddenError("Only staff with CAREERS_MANAGE or MATCHING_COORDINATE in the opportunity's region may do this");
    }
    return known;
  },

  coordinate(caller: Caller | null, regionId: string): Caller {
    const known = requireCaller(caller);
    if (!known.can(Capability.MATCHING_COORDINATE, regionId)) {
      throw new ForbiddenError("Only staff with MATCHING_COORDINATE in the opportunity's region may do this");
    }
    return known;
  },

  /** Regions where the caller acts for the employer side. */
  staffRegions(caller: Caller | null): string[] {
    return caller ? [...new Set(SIDE.flatMap((c) => caller.regionsWith(c)))] : [];
  },

  /** Profiles (without contact details) are for employer-side staff and ADMINs. */
  viewProfiles(caller: Caller | null): Caller {
    const known = requireCaller(caller);
    if (!known.isAdmin && MatchingPolicy.staffRegions(known).length === 0) {
      throw new ForbiddenError('Only staff with CAREERS_MANAGE or MATCHING_COORDINATE may view candidate profiles');
    }
    return known;
  },

  /**
   * A profile looked up (`candidate(id)`), recommended or scouted: the candidate, an ADMIN,
   * and staff acting for the employer side through an organization the person's MATCHING
   * consent covers, in a region they desire or have a match in (contract 90-privacy). An
   * erased profile is no one's to find.
   */
  seesProfile(caller: Caller | null, access: ProfileAccess): boolean {
    if (!caller) return false;
    if (caller.accountId === access.accountId) return true;
    if (access.erased) return false;
    return caller.isAdmin || caller.memberships.some((m) => profileShownTo(m, access));
  },

  /**
   * The caller's organizations in `regionId` that may see the profile, in the order of their
   * memberships: the first sends a scout in its name; none, no scout.
   */
  organizationsSeeingProfile(caller: Caller, access: ProfileAccess, regionId: string): string[] {
    if (access.erased) return [];
    return caller.memberships.filter((m) => m.regionId === regionId && profileShownTo(m, access)).map((m) => m.organizationId);
  },

  /** The caller's organizations acting for the employer side in `regionId` (recommendations rank for them). */
  employerSideOrganizations(caller: Caller, regionId: string): string[] {
    return [...new Set(caller.memberships.filter((m) => m.regionId === regionId && actsForEmployers(m)).map((m) => m.organizationId))];
  },

  /**
   * fullName, email and phone: the candidate, an ADMIN, and staff of an organization a live
   * match gave them to (contract 40-matching, narrowed by 90-privacy): a match lives until
   * WITHDRAWN, and, once the person withdrew MATCHING for that organization, until
   * COMPLETED. Nobody's once the profile is erased.
   */
  seesContact(caller: Caller | null, access: ProfileAccess): boolean {
    if (!caller || access.erased) return false;
    if (caller.isAdmin || caller.accountId === access.accountId) return true;
    return caller.memberships.some((m) => access.matches.some((x) => contactShownTo(m, x, access.consent)));
  },

  /** A match: its candidate, the region's employer-side staff, its coordinator, or an ADMIN. */
  seesMatch(caller: Caller | null, match: { accountId: string; regionId: string; coordinatorAccountId: string | null }): boolean {
    if (!caller) return false;
    return (
      caller.isAdmin ||
      caller.accountId === match.accountId ||
      caller.accountId === match.coordinatorAccountId ||
      MatchingPolicy.isRegionStaff(caller, match.regionId)
    );
  },

  /** advanceMatch: the region's staff, or the assigned coordinator. */
  advance(caller: Caller | null, match: { regionId: string; coordinatorAccountId: string | null }): Caller {
    const known = requireCaller(caller);
    if (known.accountId === match.coordinatorAccountId || MatchingPolicy.isRegionStaff(known, match.regionId)) return known;
    throw new ForbiddenError("Only the region's staff or the match's coordinator may move it");
  },

  /** sendMessage: the candidate, the coordinator or the region's staff. */
  message(caller: Caller | null, match: { accountId: string; regionId: string; coordinatorAccountId: string | null }): Caller {
    const known = requireCaller(caller);
    if (
      known.accountId === match.accountId ||
      known.accountId === match.coordinatorAccountId ||
      MatchingPolicy.isRegionStaff(known, match.regionId)
    ) {
      return known;
    }
    throw new ForbiddenError('Only the candidate, the coordinator or the region\'s staff may write here');
  },
};
