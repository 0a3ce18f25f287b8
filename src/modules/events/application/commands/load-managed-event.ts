import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { Event } from '../../domain/event.aggregate.js';
import type { EventsRepository } from '../../infrastructure/events.repository.js';
import { EventsPolicy, type Organizer } from '../events.policy.js';

/**
 * The event, its row locked, for a command only organizer staff may run: UNAUTHENTICATED
 * before anything is read, then NOT_FOUND, then FORBIDDEN.
 */
export async function loadManagedEvent(repo: EventsRepository, caller: Caller | null, eventId: string): Promise<Event> {
  requireCaller(caller);
  const event = await repo.lockEvent(eventId);
  if (!event) throw new NotFoundError('Event', eventId);
  EventsPolicy.manage(caller, organizerOf(event));
  return event;
}

export const organizerOf = (event: Event): Organizer => ({
  organizationId: event.state.organizationId,
  regionId: event.state.regionId,
});
