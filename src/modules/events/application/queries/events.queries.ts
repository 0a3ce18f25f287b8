import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { ProgramItem, Speaker, Venue } from '../../domain/event.aggregate.js';

/** An event as the screens show it. */
export interface EventView {
  id: string;
  organizationId: string;
  regionId: string;
  kind: EventKind;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: Venue;
  meetingPoint: string | null;
  capacity: number;
  feeYen: number;
  allocation: AllocationPolicy;
  applicationDeadline: Date | null;
  status: EventStatus;
  program: ProgramItem[];
  speakers: Speaker[];
  confirmedCount: number;
  waitlistedCount: number;
  appliedCount: number;
  seatsLeft: number;
}

/** A registration with what the personal-data rule needs (the organizer). */
export interface RegistrationView {
  id: string;
  eventId: string;
  accountId: string;
  organizerOrganizationId: string;
  regionId: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  attendeeDisplayName: string;
  /** Personal data: shown only to the attendee, an ADMIN or organizer staff. Null once the attendee erased their account. */
  email: string | null;
  createdAt: Date;
  /** Registration order. */
  seq: string;
}

export interface LotteryDrawView {
  eventId: string;
  algorithm: string;
  seed: string;
  drawnAt: Date;
  applicantCount: number;
  winnerCount: number;
  resultDigest: string;
}

export interface EventFeedbackView {
  id: string;
  registrationId: string;
  rating: number;
  comment: string | null;
  interestedWorkStyles: WorkStyle[];
  createdAt: Date;
}

export interface EventFilter {
  regionId?: string | null;
  kinds?: EventKind[] | null;
  statuses?: EventStatus[] | null;
  startsAfter?: Date | null;
}

/** Events the caller may see, soonest first. */
export class ListEventsQuery extends Query<ConnectionShape<EventView>> {
  constructor(
    readonly caller: Caller | null,
    readonly filter: EventFilter,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

/** One event; NOT_FOUND when it does not exist or is a DRAFT the caller may not see. */
export class GetEventQuery extends Query<EventView> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}

/** Events by id, with no visibility rule: for fields of things the caller already sees. */
export class GetEventsByIdsQuery extends Query<EventView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** A CANDIDATE's registrations, newest first. */
export class ListMyRegistrationsQuery extends Query<RegistrationView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

/** An event's registrations in registration order: organizer staff only. */
export class ListEventRegistrationsQuery extends Query<ConnectionShape<RegistrationView>> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

/** Registrations by id, with no visibility rule (a command's result). */
export class GetRegistrationsByIdsQuery extends Query<RegistrationView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** An account's active registrations for some events (Event.myRegistration). */
export class GetActiveRegistrationsOfAccountQuery extends Query<RegistrationView[]> {
  constructor(
    readonly accountId: string,
    readonly eventIds: readonly string[],
  ) {
    super();
  }
}

/** The draw of an event, or null before; NOT_FOUND for an event the caller may not see. */
export class GetLotteryDrawQuery extends Query<LotteryDrawView | null> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}

export class GetEventFeedbackQuery extends Query<EventFeedbackView | null> {
  constructor(readonly feedbackId: string) {
    super();
  }
}
