import { defineEvent } from '../../ddd/domain-event.js';
import type { WorkStyle } from '../careers/work-style.js';
import type { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from './enums.js';

/**
 * What every events-module integration event says about the event it concerns, so that
 * subscribers (insights, matching: "attended an event in region X") never read the
 * events schema. v1.
 */
export interface EventFacts {
  eventId: string;
  eventKind: EventKind;
  regionId: string;
  organizerOrganizationId: string;
  /** ISO 8601. */
  eventStartsAt: string;
}

/** The event itself, as its lifecycle events carry it. v1. */
export interface EventSnapshot extends EventFacts {
  title: string;
  eventEndsAt: string;
  capacity: number;
  allocation: AllocationPolicy;
  status: EventStatus;
}

/** One person's registration for one event. v1. */
export interface RegistrationFacts extends EventFacts {
  registrationId: string;
  accountId: string;
}

// ---- the event's lifecycle

/** `events.event.created` v1: a new DRAFT. */
export const EventCreated = defineEvent<EventSnapshot>('events.event.created', 'Event');
/** `events.event.opened` v1: registration opened (DRAFT -> OPEN). */
export const EventOpened = defineEvent<EventSnapshot>('events.event.opened', 'Event');
/** `events.event.closed` v1: registration closed (OPEN -> CLOSED), by hand or by the lottery draw. */
export const EventClosed = defineEvent<EventSnapshot>('events.event.closed', 'Event');
/** `events.event.completed` v1: the event took place (CLOSED -> COMPLETED). */
export const EventCompleted = defineEvent<EventSnapshot & { attendedCount: number; noShowCount: number }>(
  'events.event.completed',
  'Event',
);
/** `events.event.cancelled` v1. */
export const EventCancelled = defineEvent<EventSnapshot>('events.event.cancelled', 'Event');

// ---- registrations (aggregate: the Event they belong to)

/** `events.registration.applied` v1: a LOTTERY application, waiting for the draw. */
export const RegistrationApplied = defineEvent<RegistrationFacts>('events.registration.applied', 'Event');

/** `events.registration.confirmed` v1: a seat, at registration (FIRST_COME) or by the draw (LOTTERY). */
export const RegistrationConfirmed = defineEvent<RegistrationFacts & { via: 'REGISTRATION' | 'LOTTERY' }>(
  'events.registration.confirmed',
  'Event',
);

/** `events.registration.waitlisted` v1: queued for a seat, at registration or by the draw. */
export const RegistrationWaitlisted = defineEvent<
  RegistrationFacts & { waitlistPosition: number; via: 'REGISTRATION' | 'LOTTERY' }
>('events.registration.waitlisted', 'Event');

/** `events.registration.promoted` v1: from the head of the queue to a seat someone gave up. */
export const RegistrationPromoted = defineEvent<RegistrationFacts>('events.registration.promoted', 'Event');

/**
 * `events.registration.cancelled` v2: by the attendee or by organizer staff. v2 adds
 * `queueMovedAfter`: the queue positions above it moved up by one (those behind the leaver,
 * or the whole queue when its head took the freed seat); null when the queue did not move.
 * Absent from v1 events.
 */
export const RegistrationCancelled = defineEvent<
  RegistrationFacts & { previousStatus: RegistrationStatus; cancelledBy: 'ATTENDEE' | 'ORGANIZER'; queueMovedAfter?: number | null }
>('events.registration.cancelled', 'Event', 2);

/** `events.lottery.drawn` v1: anyone can re-run the draw from `seed` and the sorted applicant ids. */
export const LotteryDrawn = defineEvent<
  EventFacts & { seed: string; drawnAt: string; applicantCount: number; winnerCount: number; resultDigest: string }
>('events.lottery.drawn', 'Event');

/** `events.attendee.checked-in` v1: CONFIRMED -> ATTENDED on the day. */
export const AttendeeCheckedIn = defineEvent<RegistrationFacts>('events.attendee.checked-in', 'Event');

/** `events.attendee.no-show` v1: held a seat and never checked in before the event was completed. */
export const AttendeeNoShow = defineEvent<RegistrationFacts>('events.attendee.no-show', 'Event');

/** `events.feedback.submitted` v1: an attendee's rating and the work styles they are now interested in. */
export const EventFeedbackSubmitted = defineEvent<
  RegistrationFacts & { feedbackId: string; rating: number; interestedWorkStyles: WorkStyle[] }
>('events.feedback.submitted', 'EventFeedback');
