import { Capability, type Caller } from '#libs/auth/caller.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/ddd/errors.js';

/** Who may read the programme's figures (contract 80-insights). */
export const InsightsPolicy = {
  /** INSIGHTS_READ staff of the region, or an ADMIN (any region). */
  assertReads(caller: Caller | null, regionId: string): Caller {
    if (!caller) throw new UnauthenticatedError();
    if (caller.isAdmin || caller.can(Capability.INSIGHTS_READ, regionId)) return caller;
    throw new ForbiddenError('Only staff of an organization with INSIGHTS_READ in this region, or an ADMIN, may read its figures');
  },

  /** Rebuilding every read model is an operator's act. */
  assertRebuilds(caller: Caller | null): Caller {
    if (!caller) throw new UnauthenticatedError();
    if (caller.isAdmin) return caller;
    throw new ForbiddenError('Only an ADMIN may rebuild the insights');
  },
};
