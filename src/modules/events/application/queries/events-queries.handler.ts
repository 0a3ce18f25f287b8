import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requireCaller, requireCandidate } from '#libs/auth/require.js';
import { InvalidInputError, NotFoundError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { decodeCursor, pageSize, toConnection } from '#libs/graphql/connection.js';
import { EventsReadModel } from '../../infrastructure/events.read-model.js';
import { EventsPolicy, PUBLIC_STATUSES } from '../events.policy.js';
import {
  GetActiveRegistrationsOfAccountQuery,
  GetEventFeedbackQuery,
  GetEventQuery,
  GetEventsByIdsQuery,
  GetLotteryDrawQuery,
  GetRegistrationsByIdsQuery,
  ListEventRegistrationsQuery,
  ListEventsQuery,
  ListMyRegistrationsQuery,
  type EventView,
} from './events.queries.js';

/** The event if the caller may see it (a DRAFT only by organizer staff); NOT_FOUND otherwise. */
async function visibleEvent(read: EventsReadModel, caller: GetEventQuery['caller'], eventId: string): Promise<EventView> {
  const [event] = await read.eventsByIds([eventId]);
  if (!event || !EventsPolicy.seesEvent(caller, event)) throw new NotFoundError('Event', eventId);
  return event;
}

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly read: EventsReadModel) {}

  async execute({ caller, filter, first, after }: ListEventsQuery) {
    const limit = pageSize(first);
    let key: { startsAt: Date; id: string } | null = null;
    if (after) {
      const [startsAt, id] = decodeCursor(after, 2);
      const date = new Date(String(startsAt));
      if (Number.isNaN(date.getTime()) || !isId(id)) throw InvalidInputError.field('after', 'is not a cursor from this list');
      key = { startsAt: date, id: String(id) };
    }
    const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : null;
    const { rows, total } = await this.read.listEvents(
      {
        regionId: filter.regionId,
        kinds: filter.kinds,
        statuses,
        publicStatuses: PUBLIC_STATUSES,
        // Statuses beyond the public ones only ever match the caller's own organizers' events.
        organizerIds: EventsPolicy.organizerOrganizations(caller),
        startsAfter: filter.startsAfter,
      },
      limit + 1,
      key,
    );
    return toConnection(rows, limit, after, total, (e) => [e.startsAt.toISOString(), e.id]);
  }
}

@QueryHandler(GetEventQuery)
export class GetEventHandler implements IQueryHandler<GetEventQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ caller, eventId }: GetEventQuery) {
    return visibleEvent(this.read, caller, eventId);
  }
}

@QueryHandler(GetEventsByIdsQuery)
export class GetEventsByIdsHandler implements IQueryHandler<GetEventsByIdsQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ ids }: GetEventsByIdsQuery) {
    return this.read.eventsByIds(ids);
  }
}

@QueryHandler(ListMyRegistrationsQuery)
export class ListMyRegistrationsHandler implements IQueryHandler<ListMyRegistrationsQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ caller }: ListMyRegistrationsQuery) {
    return this.read.registrationsOfAccount(requireCandidate(caller).accountId);
  }
}

@QueryHandler(ListEventRegistrationsQuery)
export class ListEventRegistrationsHandler implements IQueryHandler<ListEventRegistrationsQuery> {
  constructor(private readonly read: EventsReadModel) {}

  async execute({ caller, eventId, first, after }: ListEventRegistrationsQuery) {
    requireCaller(caller);
    const limit = pageSize(first);
    const [event] = await this.read.eventsByIds([eventId]);
    if (!event) throw new NotFoundError('Event', eventId);
    EventsPolicy.manage(caller, event);
    let afterSeq: string | null = null;
    if (after) {
      const [seq] = decodeCursor(after, 1);
      if (typeof seq !== 'string' || !/^[0-9]{1,18}$/.test(seq)) throw InvalidInputError.field('after', 'is not a cursor from this list');
      afterSeq = seq;
    }
    const { rows, total } = await this.read.registrationsOfEvent(event.id, limit + 1, afterSeq);
    return toConnection(rows, limit, after, total, (r) => [r.seq]);
  }
}

@QueryHandler(GetRegistrationsByIdsQuery)
export class GetRegistrationsByIdsHandler implements IQueryHandler<GetRegistrationsByIdsQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ ids }: GetRegistrationsByIdsQuery) {
    return this.read.registrationsByIds(ids);
  }
}

@QueryHandler(GetActiveRegistrationsOfAccountQuery)
export class GetActiveRegistrationsOfAccountHandler implements IQueryHandler<GetActiveRegistrationsOfAccountQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ accountId, eventIds }: GetActiveRegistrationsOfAccountQuery) {
    return this.read.activeRegistrationsOfAccount(accountId, eventIds);
  }
}

@QueryHandler(GetLotteryDrawQuery)
export class GetLotteryDrawHandler implements IQueryHandler<GetLotteryDrawQuery> {
  constructor(private readonly read: EventsReadModel) {}

  async execute({ caller, eventId }: GetLotteryDrawQuery) {
    const event = await visibleEvent(this.read, caller, eventId);
    return this.read.lotteryDraw(event.id);
  }
}

@QueryHandler(GetEventFeedbackQuery)
export class GetEventFeedbackHandler implements IQueryHandler<GetEventFeedbackQuery> {
  constructor(private readonly read: EventsReadModel) {}

  execute({ feedbackId }: GetEventFeedbackQuery) {
    return this.read.feedback(feedbackId);
  }
}
