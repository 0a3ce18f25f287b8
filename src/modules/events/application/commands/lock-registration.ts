import { NotFoundError } from '#libs/ddd/errors.js';
import type { Event } from '../../domain/event.aggregate.js';
import type { Registration } from '../../domain/registration.entity.js';
import type { EventsRepository } from '../../infrastructure/events.repository.js';

/**
 * A registration and its event, with the event row locked (always the event first, so two
 * commands never wait on each other in opposite orders; registerForEvent's SQL function,
 * events.register_for_event, takes the same order). The registration is read again
 * after the lock: a promotion or a renumbering may have changed it meanwhile.
 */
export async function lockRegistration(
  repo: EventsRepository,
  registrationId: string,
): Promise<{ event: Event; registration: Registration }> {
  const unlocked = await repo.findRegistration(registrationId);
  if (!unlocked) throw new NotFoundError('Registration', registrationId);
  const event = await repo.lockEvent(unlocked.state.eventId);
  const registration = await repo.findRegistration(registrationId);
  if (!event || !registration) throw new NotFoundError('Registration', registrationId);
  return { event, registration };
}
