import type { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../../graphql/context.js';
import { alignById } from '../../graphql/loaders.js';
import { GetAccountsByIdsQuery, GetOrganizationsByIdsQuery, GetRegionsByIdsQuery, type AccountView, type OrganizationView, type RegionView } from './queries.js';

/** Regions by id through identity's query, batched once per request. */
export function regionLoader(ctx: RequestContext, queries: QueryBus) {
  return ctx.loaders.get<RegionView>('identity.region', async (ids) =>
    alignById(ids, await queries.execute(new GetRegionsByIdsQuery(ids)), (r) => r.id),
  );
}

/** Organizations by id through identity's query, batched once per request. */
export function organizationLoader(ctx: RequestContext, queries: QueryBus) {
  return ctx.loaders.get<OrganizationView>('identity.organization', async (ids) =>
    alignById(ids, await queries.execute(new GetOrganizationsByIdsQuery(ids)), (o) => o.id),
  );
}

/** Accounts by id through identity's query, batched once per request. */
export function accountLoader(ctx: RequestContext, queries: QueryBus) {
  return ctx.loaders.get<AccountView>('identity.account', async (ids) =>
    alignById(ids, await queries.execute(new GetAccountsByIdsQuery(ids)), (a) => a.id),
  );
}
