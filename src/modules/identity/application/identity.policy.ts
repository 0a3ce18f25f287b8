import type { Caller, CallerSession } from '#libs/auth/caller.js';
import { requireAdmin, requireCaller, requireCandidate } from '#libs/auth/require.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/ddd/errors.js';

/** Who may run identity's workflows. */
export const IdentityPolicy = {
  createRegion(caller: Caller | null): Caller {
    return requireAdmin(caller);
  },

  createOrganization(caller: Caller | null): Caller {
    return requireAdmin(caller);
  },

  /** ADMIN, or an OWNER of that organization. */
  createStaffAccount(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (known.isAdmin || known.isOwnerOf(organizationId)) return known;
    throw new ForbiddenError('Only an ADMIN or an OWNER of the organization may add its staff');
  },

  /** Any signed-in caller, for the token they signed in with. */
  signOut(caller: Caller | null): { caller: Caller; session: CallerSession } {
    const known = requireCaller(caller);
    if (!known.session) throw new UnauthenticatedError('Sign in with a token first');
    return { caller: known, session: known.session };
  },

  /** Any signed-in caller, for their own account (the current password is checked too). */
  changePassword(caller: Caller | null): Caller {
    return requireCaller(caller);
  },

  /** A CANDIDATE, for their own account (the password is checked too); staff and admins are offboarded by an operator. */
  eraseAccount(caller: Caller | null): Caller {
    return requireCandidate(caller);
  },
};
