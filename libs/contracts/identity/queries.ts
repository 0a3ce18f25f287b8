import { Query } from '@nestjs/cqrs';
import type { AccountKind, Capability, MembershipRole } from '../../auth/caller.js';

/** A region as other modules see it. */
export interface RegionView {
  id: string;
  code: string;
  name: string;
  prefecture: string;
}

/** An organization as other modules see it. */
export interface OrganizationView {
  id: string;
  name: string;
  regionId: string;
  capabilities: Capability[];
}

/** An account as other modules may see it (no credentials). */
export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  memberships: Array<{ organizationId: string; regionId: string; role: MembershipRole; capabilities: Capability[] }>;
  createdAt: Date;
}

/** Regions by id, in any order; unknown ids are left out. */
export class GetRegionsByIdsQuery extends Query<RegionView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** Organizations by id, in any order; unknown ids are left out. */
export class GetOrganizationsByIdsQuery extends Query<OrganizationView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** Accounts by id, in any order; unknown ids are left out. */
export class GetAccountsByIdsQuery extends Query<AccountView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** The region with this code (slug), or null. */
export class FindRegionByCodeQuery extends Query<RegionView | null> {
  constructor(readonly code: string) {
    super();
  }
}

/** All organizations of a region (or of every region). */
export class ListOrganizationsQuery extends Query<OrganizationView[]> {
  constructor(readonly regionId?: string) {
    super();
  }
}

/** The account with this email (case-insensitive), or null. For operators' tools and demo loaders. */
export class FindAccountByEmailQuery extends Query<AccountView | null> {
  constructor(readonly email: string) {
    super();
  }
}
