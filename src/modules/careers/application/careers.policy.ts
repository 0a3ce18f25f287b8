import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';

/** Which opportunities a caller may see beyond the PUBLISHED ones everyone sees. */
export type Visibility = { all: true } | { all: false; regions: string[] };

/**
 * Who may run careers' workflows: staff of an organization with CAREERS_MANAGE, acting in
 * that organization's region only. The public (anonymous included) sees PUBLISHED only.
 */
export const CareersPolicy = {
  /** Registering an employer: a member of that organization, which must have CAREERS_MANAGE. */
  registerEmployer(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (!known.canFor(Capability.CAREERS_MANAGE, organizationId)) {
      throw new ForbiddenError('Only staff of this organization, with CAREERS_MANAGE, may register its employers');
    }
    return known;
  },

  /** Drafting, editing and moving opportunities of an employer in `regionId`. */
  manage(caller: Caller | null, regionId: string): Caller {
    const known = requireCaller(caller);
    if (!known.can(Capability.CAREERS_MANAGE, regionId)) {
      throw new ForbiddenError("Only staff with CAREERS_MANAGE in the employer's region may do this");
    }
    return known;
  },

  /** Whether the caller sees opportunities of `regionId` that are not PUBLISHED. */
  seesUnpublished(caller: Caller | null, regionId: string): boolean {
    return !!caller && (caller.isAdmin || caller.can(Capability.CAREERS_MANAGE, regionId));
  },

  /** Beyond PUBLISHED: everything for an ADMIN, the CAREERS_MANAGE regions for staff, nothing for others. */
  visibility(caller: Caller | null): Visibility {
    if (caller?.isAdmin) return { all: true };
    return { all: false, regions: caller ? caller.regionsWith(Capability.CAREERS_MANAGE) : [] };
  },
};
