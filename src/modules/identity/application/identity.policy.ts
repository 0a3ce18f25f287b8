import type { Caller } from '../../../../libs/auth/caller.js';
import { requireAdmin, requireCaller } from '../../../../libs/auth/require.js';
import { ForbiddenError } from '../../../../libs/ddd/errors.js';

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
};
