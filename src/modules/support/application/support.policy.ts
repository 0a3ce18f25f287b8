import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import type { ConsultationTopic } from '#libs/contracts/support/enums.js';
import { ForbiddenError } from '#libs/ddd/errors.js';
import { handles } from '../domain/routing.js';

/** Who may do what in support (contract 70-support), without HTTP. */
export const SupportPolicy = {
  /** Staff of `organizationId` offer slots only for topics it handles; the organization's region is the slot's. */
  offerSlots(caller: Caller | null, organizationId: string, topics: readonly ConsultationTopic[]): { regionId: string } {
    const known = requireCaller(caller);
    const membership = known.memberships.find((m) => m.organizationId === organizationId);
    if (!known.isStaff || !membership) throw new ForbiddenError('Only staff of the organization may offer its slots');
    const unhandled = topics.filter((t) => !handles(membership.capabilities, t));
    if (unhandled.length > 0) throw new ForbiddenError(`Your organization does not handle ${unhandled.join(', ')}`);
    return { regionId: membership.regionId };
  },

  /** A signed-in person (a candidate) asks for a consultation. */
  request(caller: Caller | null): Caller {
    const known = requireCaller(caller);
    if (!known.isCandidate) throw new ForbiddenError('Only a candidate account may request a consultation');
    return known;
  },

  /** Whether the caller works for one of the organizations the consultation is routed to. */
  isRoutedStaff(caller: Caller, routedTo: readonly string[]): boolean {
    return caller.isStaff && caller.memberships.some((m) => routedTo.includes(m.organizationId));
  },

  /** The person or routed staff (book, cancel); who acted. */
  personOrRoutedStaff(caller: Caller | null, c: { accountId: string; routedTo: readonly string[] }): 'PERSON' | 'STAFF' {
    const known = requireCaller(caller);
    if (known.accountId === c.accountId) return 'PERSON';
    if (SupportPolicy.isRoutedStaff(known, c.routedTo)) return 'STAFF';
    throw new ForbiddenError('Only the person or staff of an organization it is routed to may do this');
  },

  /** Routed staff record the outcome. */
  routedStaff(caller: Caller | null, c: { routedTo: readonly string[] }): void {
    const known = requireCaller(caller);
    if (!SupportPolicy.isRoutedStaff(known, c.routedTo)) throw new ForbiddenError('Only staff of an organization the consultation is routed to may do this');
  },

  /** The outcome notes: routed staff and an ADMIN; null for the person here. */
  maySeeOutcome(caller: Caller, c: { routedTo: readonly string[] }): boolean {
    return caller.isAdmin || SupportPolicy.isRoutedStaff(caller, c.routedTo);
  },

  /**
   * The queue and journey lists: staff (their organizations in the region: possibly none)
   * and an ADMIN (every organization: null). Anyone else: FORBIDDEN.
   */
  staffOrganizationsIn(caller: Caller | null, regionId: string): string[] | null {
    const known = requireCaller(caller);
    if (known.isAdmin) return null;
    if (!known.isStaff) throw new ForbiddenError('Only staff may see this');
    return known.memberships.filter((m) => m.regionId === regionId).map((m) => m.organizationId);
  },

  /**
   * How much of a journey the caller sees: 'ALL' (the person, an ADMIN, and staff of an
   * organization of the region the person shares their journey with: CONSORTIUM_SHARING), the
   * modules through which their organizations serve the person (staff), or nothing (null).
   */
  journeyScope(caller: Caller | null, accountId: string, servingModules: readonly string[], sharedWithCaller = false): 'ALL' | string[] | null {
    if (!caller) return null;
    if (caller.isAdmin || caller.accountId === accountId) return 'ALL';
    if (!caller.isStaff) return null;
    if (sharedWithCaller) return 'ALL';
    if (servingModules.length === 0) return null;
    return [...servingModules].sort();
  },
};
