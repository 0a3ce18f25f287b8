import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { EventFeedbackSubmitted } from '#libs/contracts/events/events.js';
import { EventKind, RegistrationStatus } from '#libs/contracts/events/enums.js';
import type { InvalidInputError } from '#libs/ddd/errors.js';
import { EventFeedback } from './feedback.aggregate.js';
import { Registration } from './registration.entity.js';

const NOW = new Date('2027-02-20T00:00:00Z');
const registration = (status: RegistrationStatus) =>
  Registration.restore({
    id: 'reg', eventId: 'ev', accountId: 'acc', attendeeDisplayName: '佐藤', attendeeEmail: 's@x.jp',
    status, waitlistPosition: null, createdAt: NOW, updatedAt: NOW,
  });
const facts = { eventId: 'ev', eventKind: EventKind.TOUR, regionId: 'r', organizerOrganizationId: 'o', eventStartsAt: NOW.toISOString(), registrationId: 'reg', accountId: 'acc' };
const submit = (status: RegistrationStatus, rating = 5, interestedWorkStyles: WorkStyle[] = []) =>
  EventFeedback.submit({ registration: registration(status), facts, rating, comment: ' 楽しかった ', interestedWorkStyles, now: NOW });

describe('EventFeedback', () => {
  it('comes after check-in, keeps work styles once each, and records EventFeedbackSubmitted', () => {
    const feedback = submit(RegistrationStatus.ATTENDED, 4, [WorkStyle.STARTUP, WorkStyle.PRO_BONO, WorkStyle.STARTUP]);
    expect(feedback.state).toMatchObject({ rating: 4, comment: '楽しかった', interestedWorkStyles: ['PRO_BONO', 'STARTUP'] });
    const [event] = feedback.pullEvents();
    expect(EventFeedbackSubmitted.is(event) && event.payload).toMatchObject({ ...facts, rating: 4, feedbackId: feedback.id });
  });

  it('is refused before attending: CONFLICT NOT_ATTENDED', () => {
    for (const status of [RegistrationStatus.CONFIRMED, RegistrationStatus.NO_SHOW, RegistrationStatus.CANCELLED]) {
      expect(() => submit(status)).toThrow(expect.objectContaining({ reason: 'NOT_ATTENDED' }));
    }
  });

  it('wants a rating from 1 to 5', () => {
    for (const rating of [0, 6, 2.5]) {
      try {
        submit(RegistrationStatus.ATTENDED, rating);
        throw new Error('accepted');
      } catch (error) {
        expect((error as InvalidInputError).fields).toEqual([{ field: 'rating', message: 'must be a whole number from 1 to 5' }]);
      }
    }
  });
});
