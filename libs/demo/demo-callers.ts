import { AccountKind, Caller, type MembershipRole } from '../auth/caller.js';
import type { AccountView } from '../contracts/identity/queries.js';

/** The Caller a demo loader acts as for an account it looked up (FindAccountByEmailQuery): no session. */
export function demoCallerOf(account: AccountView): Caller {
  return new Caller(
    account.id,
    account.kind as AccountKind,
    account.displayName,
    account.email,
    account.memberships.map((m) => ({
      organizationId: m.organizationId, regionId: m.regionId, role: m.role as MembershipRole, capabilities: m.capabilities,
    })),
  );
}
