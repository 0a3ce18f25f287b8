import type { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '../../graphql/context.js';
import { alignById } from '../../graphql/loaders.js';
import { GetOpportunitiesByIdsQuery, type OpportunityView } from './queries.js';

/** Opportunities by id through careers' query, batched once per request. */
export function opportunityLoader(ctx: RequestContext, queries: QueryBus) {
  return ctx.loaders.get<OpportunityView>('careers.opportunity', async (ids) =>
    alignById(ids, await queries.execute(new GetOpportunitiesByIdsQuery(ids)), (o) => o.id),
  );
}
