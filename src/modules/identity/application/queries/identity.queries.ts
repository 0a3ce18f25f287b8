import { Query } from '@nestjs/cqrs';
import type { AccountView, RegionView } from '#libs/contracts/identity/queries.js';
import type { MembershipRole } from '#libs/auth/caller.js';

/** An account with its memberships' roles, for `me` and the Account type. */
export interface AccountDetails extends Omit<AccountView, 'memberships'> {
  createdAt: Date;
  memberships: Array<{ organizationId: string; role: MembershipRole }>;
}

export class GetAccountQuery extends Query<AccountDetails | null> {
  constructor(readonly accountId: string) {
    super();
  }
}

export class ListRegionsQuery extends Query<RegionView[]> {}
