import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';

const SIDE = [Capability.CAREERS_MANAGE, Capability.MATCHING_COORDINATE];

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
   * fullName, email and phone: the candidate, an ADMIN, and staff of an organization in a
   * region where the candidate has a live (not WITHDRAWN) match.
   */
  seesContact(caller: Caller | null, candidateAccountId: string, liveMatchRegionIds: readonly string[]): boolean {
    if (!caller) return false;
    if (caller.isAdmin || caller.accountId === candidateAccountId) return true;
    return caller.memberships.some((m) => liveMatchRegionIds.includes(m.regionId));
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
