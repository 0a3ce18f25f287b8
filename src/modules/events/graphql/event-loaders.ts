import type { QueryBus } from '@nestjs/cqrs';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import {
  GetActiveRegistrationsOfAccountQuery,
  GetEventsByIdsQuery,
  type EventView,
  type RegistrationView,
} from '../application/queries/events.queries.js';

/** Events by id, batched once per request (Registration.event, LotteryDraw.event). */
export function eventLoader(ctx: RequestContext, queries: QueryBus) {
  return ctx.loaders.get<EventView>('events.event', async (ids) =>
    alignById(ids, await queries.execute(new GetEventsByIdsQuery(ids)), (e) => e.id),
  );
}

/** The caller's active registration per event id (Event.myRegistration), batched once per request. */
export function myRegistrationLoader(ctx: RequestContext, queries: QueryBus, accountId: string) {
  return ctx.loaders.get<RegistrationView>(`events.my-registration:${accountId}`, async (eventIds) =>
    alignById(eventIds, await queries.execute(new GetActiveRegistrationsOfAccountQuery(accountId, eventIds)), (r) => r.eventId),
  );
}
