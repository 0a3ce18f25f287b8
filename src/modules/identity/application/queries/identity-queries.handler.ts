import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportIdentityPersonalDataQuery } from '#libs/contracts/identity/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import {
  FindAccountByEmailQuery,
  FindRegionByCodeQuery,
  GetAccountsByIdsQuery,
  GetOrganizationsByIdsQuery,
  GetRegionsByIdsQuery,
  ListOrganizationsQuery,
  type AccountView,
  type OrganizationView,
  type RegionView,
} from '#libs/contracts/identity/queries.js';
import type { Account } from '../../domain/account.aggregate.js';
import type { Organization } from '../../domain/organization.aggregate.js';
import type { Region } from '../../domain/region.aggregate.js';
import { IdentityRepository } from '../../infrastructure/identity.repository.js';
import { GetAccountQuery, ListRegionsQuery, type AccountDetails } from './identity.queries.js';

const regionView = (r: Region): RegionView => ({ id: r.id, code: r.state.code, name: r.state.name, prefecture: r.state.prefecture });
const organizationView = (o: Organization): OrganizationView => ({
  id: o.id,
  name: o.state.name,
  regionId: o.state.regionId,
  capabilities: o.state.capabilities,
});
const accountDetails = (a: Account): AccountDetails => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  kind: a.kind,
  createdAt: a.createdAt,
  memberships: a.memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
});

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: GetAccountQuery) {
    const account = await this.repo.findAccountById(query.accountId);
    return account ? accountDetails(account) : null;
  }
}

@QueryHandler(ListRegionsQuery)
export class ListRegionsHandler implements IQueryHandler<ListRegionsQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute() {
    return (await this.repo.listRegions()).map(regionView);
  }
}

@QueryHandler(ListOrganizationsQuery)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizationsQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: ListOrganizationsQuery) {
    return (await this.repo.listOrganizations(query.regionId)).map(organizationView);
  }
}

@QueryHandler(GetRegionsByIdsQuery)
export class GetRegionsByIdsHandler implements IQueryHandler<GetRegionsByIdsQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: GetRegionsByIdsQuery) {
    return (await this.repo.findRegionsByIds(query.ids)).map(regionView);
  }
}

@QueryHandler(FindRegionByCodeQuery)
export class FindRegionByCodeHandler implements IQueryHandler<FindRegionByCodeQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: FindRegionByCodeQuery) {
    const region = await this.repo.findRegionByCode(query.code);
    return region ? regionView(region) : null;
  }
}

@QueryHandler(GetOrganizationsByIdsQuery)
export class GetOrganizationsByIdsHandler implements IQueryHandler<GetOrganizationsByIdsQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: GetOrganizationsByIdsQuery) {
    return (await this.repo.findOrganizationsByIds(query.ids)).map(organizationView);
  }
}

@QueryHandler(GetAccountsByIdsQuery)
export class GetAccountsByIdsHandler implements IQueryHandler<GetAccountsByIdsQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: GetAccountsByIdsQuery): Promise<AccountView[]> {
    const accounts = await this.repo.findAccountsByIds(query.ids);
    const orgs = new Map(
      (await this.repo.findOrganizationsByIds([...new Set(accounts.flatMap((a) => a.memberships.map((m) => m.organizationId)))]))
        .map((o) => [o.id, o]),
    );
    return accounts.map((a) => ({
      id: a.id,
      email: a.email,
      displayName: a.displayName,
      kind: a.kind,
      createdAt: a.createdAt,
      memberships: a.memberships.map((m) => ({
        organizationId: m.organizationId,
        regionId: m.regionId,
        role: m.role,
        capabilities: orgs.get(m.organizationId)?.state.capabilities ?? [],
      })),
    }));
  }
}

@QueryHandler(FindAccountByEmailQuery)
export class FindAccountByEmailHandler implements IQueryHandler<FindAccountByEmailQuery> {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly byIds: GetAccountsByIdsHandler,
  ) {}
  async execute(query: FindAccountByEmailQuery): Promise<AccountView | null> {
    const account = await this.repo.findAccountByEmail(query.email.normalize('NFKC').trim().toLowerCase());
    if (!account) return null;
    const [view] = await this.byIds.execute(new GetAccountsByIdsQuery([account.id]));
    return view ?? null;
  }
}

/** The identity section of a person's export: the account as it is stored, without credentials. */
@QueryHandler(ExportIdentityPersonalDataQuery)
export class ExportIdentityPersonalDataHandler implements IQueryHandler<ExportIdentityPersonalDataQuery> {
  constructor(private readonly repo: IdentityRepository) {}
  async execute(query: ExportIdentityPersonalDataQuery): Promise<PersonalDataSection> {
    const account = await this.repo.findAccountById(query.accountId);
    if (!account) return { account: null };
    return {
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        kind: account.kind,
        createdAt: account.createdAt.toISOString(),
        memberships: account.memberships.map((m) => ({ organizationId: m.organizationId, regionId: m.regionId, role: m.role })),
      },
    };
  }
}
