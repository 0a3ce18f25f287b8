import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import { RegistrationCancelled, RegistrationPromoted, type RegistrationFacts } from '#libs/contracts/events/events.js';
import type { LiveEvent } from '#libs/messaging/live-feed.js';
import { queueMovedAfter } from './registration-changes.channel.js';

const facts: RegistrationFacts = {
  eventId: 'e', eventKind: 'BRIEFING' as RegistrationFacts['eventKind'], regionId: 'r', organizerOrganizationId: 'o',
  eventStartsAt: '2027-01-01T00:00:00Z', registrationId: 'x', accountId: 'a',
};
const logged = (event: ReturnType<typeof RegistrationCancelled.create>, payloadVersion = 2): LiveEvent => ({ ...event, payloadVersion, position: 1 });

describe('queueMovedAfter', () => {
  it('reads v2 cancellations', () => {
    const moved = RegistrationCancelled.create('e', { ...facts, previousStatus: RegistrationStatus.WAITLISTED, cancelledBy: 'ATTENDEE', queueMovedAfter: 3 });
    const still = RegistrationCancelled.create('e', { ...facts, previousStatus: RegistrationStatus.CONFIRMED, cancelledBy: 'ATTENDEE', queueMovedAfter: null });
    expect([queueMovedAfter(logged(moved)), queueMovedAfter(logged(still))]).toEqual([3, null]);
  });

  it('assumes the whole queue may have moved for a v1 cancellation of a seat or a place in the queue', () => {
    const v1 = (previousStatus: RegistrationStatus) => {
      const event = RegistrationCancelled.create('e', { ...facts, previousStatus, cancelledBy: 'ORGANIZER' });
      return queueMovedAfter(logged(event, 1));
    };
    expect([v1(RegistrationStatus.CONFIRMED), v1(RegistrationStatus.WAITLISTED), v1(RegistrationStatus.APPLIED)]).toEqual([1, 1, null]);
    expect(queueMovedAfter({ ...RegistrationPromoted.create('e', facts), position: 2 })).toBeNull();
  });
});
