import {
  AttendeeCheckedIn,
  AttendeeNoShow,
  EventCancelled,
  EventClosed,
  EventCompleted,
  EventCreated,
  EventOpened,
  LotteryDrawn,
  RegistrationApplied,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationWaitlisted,
  type EventFacts,
  type EventSnapshot,
  type RegistrationFacts,
} from '#libs/contracts/events/events.js';
import { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import {
  EventNotActive,
  InvalidEventTransition,
  LotteryAlreadyDrawn,
  LotteryNotDrawn,
  NotALottery,
  RegistrationClosed,
} from './events.errors.js';
import { drawLottery, MAX_SEED_LENGTH } from './lottery.js';
import { Registration } from './registration.entity.js';
import {
  countsAfterPlacing,
  placeDrawn,
  placeNewRegistration,
  planDeparture,
  seatsLeft,
  type Placement,
  type SeatCounts,
} from './seat-allocation.js';

/** Where the event takes place. */
export interface Venue {
  name: string;
  address: string;
  online: boolean;
}

/** One part of the programme. */
export interface ProgramItem {
  startsAt: Date | null;
  title: string;
  description: string | null;
}

/** Someone on stage, with the affiliation and title people know them by. */
export interface Speaker {
  name: string;
  affiliation: string;
  title: string | null;
}

/** What organizer staff write about an event. */
export interface EventDetails {
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
  program: ProgramItem[];
  speakers: Speaker[];
}

export interface EventState extends EventDetails {
  id: string;
  organizationId: string;
  regionId: string;
  status: EventStatus;
  confirmedCount: number;
  waitlistedCount: number;
  appliedCount: number;
  attendedCount: number;
  lotteryDrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A recorded draw: enough for anyone to re-run it. */
export interface LotteryDrawRecord {
  eventId: string;
  seed: string;
  drawnAt: Date;
  applicantCount: number;
  winnerCount: number;
  resultDigest: string;
  /** Account ids in drawn order. */
  drawn: string[];
}

export const LIMITS = {
  title: 200,
  description: 10_000,
  capacity: 100_000,
  feeYen: 10_000_000,
  venueName: 200,
  venueAddress: 500,
  meetingPoint: 200,
  programItems: 50,
  programTitle: 200,
  programDescription: 2_000,
  speakers: 50,
  speakerName: 100,
  speakerAffiliation: 200,
  speakerTitle: 100,
} as const;

const text = (s: string) => s.normalize('NFKC').trim();
const optionalText = (s: string | null | undefined) => {
  const t = s === null || s === undefined ? '' : text(s);
  return t === '' ? null : t;
};
const validDate = (d: Date) => d instanceof Date && !Number.isNaN(d.getTime());

/** Validates and cleans what staff wrote; every bad field is named at once. */
export function cleanDetails(input: EventDetails): EventDetails {
  const problems: FieldProblem[] = [];
  const length = (field: string, value: string, max: number, min = 1) => {
    if (value.length < min || value.length > max) {
      problems.push({ field, message: min > 0 ? `must have ${min} to ${max} characters` : `must have at most ${max} characters` });
    }
  };
  const title = text(input.title);
  length('title', title, LIMITS.title);
  const description = input.description.trim();
  length('description', description, LIMITS.description);
  if (!Object.values(EventKind).includes(input.kind)) problems.push({ field: 'kind', message: 'must be an EventKind' });
  if (!Object.values(AllocationPolicy).includes(input.allocation)) problems.push({ field: 'allocation', message: 'must be an AllocationPolicy' });

  const datesValid = validDate(input.startsAt) && validDate(input.endsAt);
  if (!validDate(input.startsAt)) problems.push({ field: 'startsAt', message: 'must be a date and time' });
  if (!validDate(input.endsAt)) problems.push({ field: 'endsAt', message: 'must be a date and time' });
  if (datesValid && input.endsAt.getTime() <= input.startsAt.getTime()) problems.push({ field: 'endsAt', message: 'must be after startsAt' });
  if (input.applicationDeadline !== null) {
    if (!validDate(input.applicationDeadline)) problems.push({ field: 'applicationDeadline', message: 'must be a date and time' });
    else if (validDate(input.startsAt) && input.applicationDeadline.getTime() > input.startsAt.getTime()) {
      problems.push({ field: 'applicationDeadline', message: 'must not be after startsAt' });
    }
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > LIMITS.capacity) {
    problems.push({ field: 'capacity', message: `must be a whole number from 1 to ${LIMITS.capacity}` });
  }
  if (!Number.isInteger(input.feeYen) || input.feeYen < 0 || input.feeYen > LIMITS.feeYen) {
    problems.push({ field: 'feeYen', message: `must be a whole number from 0 to ${LIMITS.feeYen}` });
  }

  const venue: Venue = { name: text(input.venue.name), address: text(input.venue.address), online: input.venue.online };
  length('venue.name', venue.name, LIMITS.venueName);
  length('venue.address', venue.address, LIMITS.venueAddress);
  const meetingPoint = optionalText(input.meetingPoint);
  if (meetingPoint !== null) length('meetingPoint', meetingPoint, LIMITS.meetingPoint);

  if (input.program.length > LIMITS.programItems) problems.push({ field: 'program', message: `at most ${LIMITS.programItems} items` });
  const program = input.program.map((item, i): ProgramItem => {
    const cleaned = { startsAt: item.startsAt, title: text(item.title), description: optionalText(item.description) };
    length(`program.${i}.title`, cleaned.title, LIMITS.programTitle);
    if (cleaned.description !== null) length(`program.${i}.description`, cleaned.description, LIMITS.programDescription);
    if (cleaned.startsAt !== null) {
      if (!validDate(cleaned.startsAt)) problems.push({ field: `program.${i}.startsAt`, message: 'must be a date and time' });
      else if (datesValid && (cleaned.startsAt < input.startsAt || cleaned.startsAt >= input.endsAt)) {
        problems.push({ field: `program.${i}.startsAt`, message: 'must be within the event (from startsAt, before endsAt)' });
      }
    }
    return cleaned;
  });

  if (input.speakers.length > LIMITS.speakers) problems.push({ field: 'speakers', message: `at most ${LIMITS.speakers} speakers` });
  const speakers = input.speakers.map((s, i): Speaker => {
    const cleaned = { name: text(s.name), affiliation: text(s.affiliation), title: optionalText(s.title) };
    length(`speakers.${i}.name`, cleaned.name, LIMITS.speakerName);
    length(`speakers.${i}.affiliation`, cleaned.affiliation, LIMITS.speakerAffiliation);
    if (cleaned.title !== null) length(`speakers.${i}.title`, cleaned.title, LIMITS.speakerTitle);
    return cleaned;
  });

  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    kind: input.kind,
    title,
    description,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venue,
    meetingPoint,
    capacity: input.capacity,
    feeYen: input.feeYen,
    allocation: input.allocation,
    applicationDeadline: input.applicationDeadline,
    program,
    speakers,
  };
}

/**
 * Why a new registration is refused at `now`, or null while registration is open: the event
 * is OPEN and `now` is not after its deadline (the application deadline, or the start when
 * it has none). The SQL function events.register_for_event applies the same rule (see
 * register-for-event.handler.ts); this is the spec it is tested against.
 */
export function whyRegistrationClosed(
  event: { status: EventStatus; applicationDeadline: Date | null; startsAt: Date },
  now: Date,
): string | null {
  if (event.status !== EventStatus.OPEN) return `the event is ${event.status}`;
  const deadline = event.applicationDeadline ?? event.startsAt;
  if (now.getTime() > deadline.getTime()) return event.applicationDeadline ? 'the application deadline has passed' : 'the event has started';
  return null;
}

/** Who registers: copied from the caller at registration time. */
export interface Attendee {
  accountId: string;
  displayName: string;
  email: string;
}

/** What a cancellation did besides cancelling. */
export interface CancellationOutcome {
  /** False when the registration was already cancelled (nothing changed). */
  changed: boolean;
  /** The head of the queue, now CONFIRMED in the freed seat. */
  promoted: Registration | null;
  /** Queue positions above this one must move down by one (see planDeparture). */
  closeGapAfter: number | null;
}

/**
 * An event: briefing, tour… Its lifecycle, and its seats as counters (confirmed,
 * waitlisted, applied). Registrations are its entities but are never all loaded: the
 * handler passes in the few a command touches, under the event row's lock.
 */
export class Event extends AggregateRoot {
  private constructor(private readonly s: EventState) {
    super(s.id, s.version);
  }

  static restore(state: EventState): Event {
    return new Event(state);
  }

  /** A new DRAFT organized by `organizationId` in its region. */
  static create(input: { organizationId: string; regionId: string; details: EventDetails; now: Date }): Event {
    const details = cleanDetails(input.details);
    const event = new Event({
      ...details,
      id: newId(),
      organizationId: input.organizationId,
      regionId: input.regionId,
      status: EventStatus.DRAFT,
      confirmedCount: 0,
      waitlistedCount: 0,
      appliedCount: 0,
      attendedCount: 0,
      lotteryDrawnAt: null,
      createdAt: input.now,
      updatedAt: input.now,
      version: 0,
    });
    event.record(EventCreated.create(event.id, event.snapshot(), input.now));
    return event;
  }

  get state(): Readonly<EventState> {
    return this.s;
  }

  get status(): EventStatus {
    return this.s.status;
  }

  get counts(): SeatCounts {
    return { capacity: this.s.capacity, confirmed: this.s.confirmedCount, waitlisted: this.s.waitlistedCount, applied: this.s.appliedCount };
  }

  get seatsLeft(): number {
    return seatsLeft(this.counts);
  }

  /** Registration closes at the deadline, or when the event starts if it has none. */
  get registrationDeadline(): Date {
    return this.s.applicationDeadline ?? this.s.startsAt;
  }

  // ---- lifecycle

  /** DRAFT -> OPEN. */
  open(now: Date): void {
    this.move([EventStatus.DRAFT], EventStatus.OPEN, 'open registration of', now);
    this.record(EventOpened.create(this.id, this.snapshot(), now));
  }

  /** OPEN -> CLOSED. */
  close(now: Date): void {
    this.move([EventStatus.OPEN], EventStatus.CLOSED, 'close registration of', now);
    this.record(EventClosed.create(this.id, this.snapshot(), now));
  }

  /**
   * CLOSED -> COMPLETED. `confirmed` are all the event's CONFIRMED registrations: none
   * checked in, so each becomes NO_SHOW.
   */
  complete(confirmed: Registration[], now: Date): void {
    if (this.s.status === EventStatus.CLOSED && this.s.allocation === AllocationPolicy.LOTTERY && this.s.lotteryDrawnAt === null && this.s.appliedCount > 0) {
      throw new LotteryNotDrawn();
    }
    this.move([EventStatus.CLOSED], EventStatus.COMPLETED, 'complete', now);
    for (const registration of confirmed) {
      if (registration.state.eventId !== this.id) throw new Error('The registration belongs to another event');
      registration.markNoShow(now);
      this.record(AttendeeNoShow.create(this.id, this.registrationFacts(registration), now));
    }
    this.record(
      EventCompleted.create(this.id, { ...this.snapshot(), attendedCount: this.s.attendedCount, noShowCount: confirmed.length }, now),
    );
  }

  /** DRAFT, OPEN or CLOSED -> CANCELLED. */
  cancel(now: Date): void {
    this.move([EventStatus.DRAFT, EventStatus.OPEN, EventStatus.CLOSED], EventStatus.CANCELLED, 'cancel', now);
    this.record(EventCancelled.create(this.id, this.snapshot(), now));
  }

  private move(from: EventStatus[], to: EventStatus, action: string, now: Date): void {
    if (!from.includes(this.s.status)) throw new InvalidEventTransition(this.s.status, action, from.join(' or '));
    this.s.status = to;
    this.s.updatedAt = now;
  }

  // ---- seats

  /**
   * A new registration, placed by the seat rules: CONFIRMED or WAITLISTED (FIRST_COME),
   * APPLIED (LOTTERY). The caller has checked the attendee has no active registration.
   */
  register(attendee: Attendee, now: Date): Registration {
    const closed = whyRegistrationClosed(this.s, now);
    if (closed !== null) throw new RegistrationClosed(closed);
    const placement = placeNewRegistration(this.s.allocation, this.counts);
    const registration = Registration.create({ eventId: this.id, attendee, placement, now });
    this.setCounts(countsAfterPlacing(this.counts, placement), now);
    this.recordPlacement(registration, placement, 'REGISTRATION', now);
    return registration;
  }

  /**
   * Cancels a registration. A freed seat goes at once to `queueHead` (the WAITLISTED
   * registration at position 1, which the caller passes when there is a queue).
   */
  cancelRegistration(
    registration: Registration,
    queueHead: Registration | null,
    by: 'ATTENDEE' | 'ORGANIZER',
    now: Date,
  ): CancellationOutcome {
    if (registration.state.eventId !== this.id) throw new Error('The registration belongs to another event');
    if (!registration.isActive) return { changed: false, promoted: null, closeGapAfter: null };
    if (this.s.status !== EventStatus.OPEN && this.s.status !== EventStatus.CLOSED) throw new EventNotActive(this.s.status);
    registration.assertCancellable();
    const previousStatus = registration.status;
    const departure = planDeparture(this.counts, { status: previousStatus, waitlistPosition: registration.waitlistPosition });
    registration.cancel(now);
    this.record(
      RegistrationCancelled.create(
        this.id,
        { ...this.registrationFacts(registration), previousStatus, cancelledBy: by, queueMovedAfter: departure.closeGapAfter },
        now,
      ),
    );
    let promoted: Registration | null = null;
    if (departure.promoteHead) {
      if (!queueHead || queueHead.status !== RegistrationStatus.WAITLISTED || queueHead.waitlistPosition !== 1) {
        throw new Error('A freed seat needs the head of the queue (position 1)');
      }
      queueHead.place({ status: RegistrationStatus.CONFIRMED }, now);
      this.record(RegistrationPromoted.create(this.id, this.registrationFacts(queueHead), now));
      promoted = queueHead;
    }
    this.setCounts(departure.counts, now);
    return { changed: true, promoted, closeGapAfter: departure.closeGapAfter };
  }

  /**
   * Draws the lottery among `applicants` (all the event's APPLIED registrations): seats for
   * the first drawn, the queue in drawn order for the rest. Closes registration if OPEN.
   */
  drawLottery(applicants: Registration[], seed: string, now: Date): LotteryDrawRecord {
    if (this.s.allocation !== AllocationPolicy.LOTTERY) throw new NotALottery();
    if (this.s.lotteryDrawnAt !== null) throw new LotteryAlreadyDrawn();
    if (this.s.status !== EventStatus.OPEN && this.s.status !== EventStatus.CLOSED) {
      throw new InvalidEventTransition(this.s.status, 'draw the lottery of', 'OPEN or CLOSED');
    }
    if (seed.length === 0 || seed.length > MAX_SEED_LENGTH) {
      throw InvalidInputError.field('seed', `must have 1 to ${MAX_SEED_LENGTH} characters`);
    }
    const byAccount = new Map(applicants.map((r) => [r.accountId, r]));
    if (byAccount.size !== applicants.length || applicants.some((r) => r.status !== RegistrationStatus.APPLIED || r.state.eventId !== this.id)) {
      throw new Error('The applicants must be the distinct APPLIED registrations of this event');
    }
    if (applicants.length !== this.s.appliedCount) throw new Error('The applicants must be all of the APPLIED registrations');

    if (this.s.status === EventStatus.OPEN) {
      this.move([EventStatus.OPEN], EventStatus.CLOSED, 'close registration of', now);
      this.record(EventClosed.create(this.id, this.snapshot(), now));
    }
    const outcome = drawLottery(seed, applicants.map((r) => r.accountId));
    let counts: SeatCounts = { ...this.counts, applied: this.s.appliedCount - applicants.length };
    const free = seatsLeft(this.counts);
    let winnerCount = 0;
    for (const { item: accountId, placement } of placeDrawn(free, outcome.drawn)) {
      const registration = byAccount.get(accountId)!;
      const shifted: Placement =
        placement.status === RegistrationStatus.WAITLISTED
          ? { ...placement, waitlistPosition: placement.waitlistPosition + this.s.waitlistedCount }
          : placement;
      registration.place(shifted, now);
      counts = countsAfterPlacing(counts, shifted);
      if (shifted.status === RegistrationStatus.CONFIRMED) winnerCount += 1;
      this.recordPlacement(registration, shifted, 'LOTTERY', now);
    }
    this.setCounts(counts, now);
    this.s.lotteryDrawnAt = now;
    const record: LotteryDrawRecord = {
      eventId: this.id,
      seed,
      drawnAt: now,
      applicantCount: outcome.applicantCount,
      winnerCount,
      resultDigest: outcome.resultDigest,
      drawn: outcome.drawn,
    };
    this.record(
      LotteryDrawn.create(
        this.id,
        {
          ...this.facts(),
          seed,
          drawnAt: now.toISOString(),
          applicantCount: record.applicantCount,
          winnerCount,
          resultDigest: record.resultDigest,
        },
        now,
      ),
    );
    return record;
  }

  /** CONFIRMED -> ATTENDED on the day (OPEN or CLOSED). False when already checked in. */
  checkIn(registration: Registration, now: Date): boolean {
    if (registration.state.eventId !== this.id) throw new Error('The registration belongs to another event');
    if (this.s.status !== EventStatus.OPEN && this.s.status !== EventStatus.CLOSED) throw new EventNotActive(this.s.status);
    if (!registration.checkIn(now)) return false;
    this.s.attendedCount += 1;
    this.s.updatedAt = now;
    this.record(AttendeeCheckedIn.create(this.id, this.registrationFacts(registration), now));
    return true;
  }

  private setCounts(counts: SeatCounts, now: Date): void {
    if (counts.confirmed > this.s.capacity || counts.confirmed < 0 || counts.waitlisted < 0 || counts.applied < 0) {
      throw new Error(`Seat counters out of range: ${JSON.stringify(counts)}`);
    }
    this.s.confirmedCount = counts.confirmed;
    this.s.waitlistedCount = counts.waitlisted;
    this.s.appliedCount = counts.applied;
    this.s.updatedAt = now;
  }

  private recordPlacement(registration: Registration, placement: Placement, via: 'REGISTRATION' | 'LOTTERY', now: Date): void {
    const facts = this.registrationFacts(registration);
    switch (placement.status) {
      case RegistrationStatus.CONFIRMED:
        this.record(RegistrationConfirmed.create(this.id, { ...facts, via }, now));
        break;
      case RegistrationStatus.WAITLISTED:
        this.record(RegistrationWaitlisted.create(this.id, { ...facts, waitlistPosition: placement.waitlistPosition, via }, now));
        break;
      case RegistrationStatus.APPLIED:
        this.record(RegistrationApplied.create(this.id, facts, now));
        break;
    }
  }

  // ---- what integration events say

  facts(): EventFacts {
    return {
      eventId: this.id,
      eventKind: this.s.kind,
      regionId: this.s.regionId,
      organizerOrganizationId: this.s.organizationId,
      eventStartsAt: this.s.startsAt.toISOString(),
    };
  }

  registrationFacts(registration: Registration): RegistrationFacts {
    return { ...this.facts(), registrationId: registration.id, accountId: registration.accountId };
  }

  private snapshot(): EventSnapshot {
    return {
      ...this.facts(),
      title: this.s.title,
      eventEndsAt: this.s.endsAt.toISOString(),
      capacity: this.s.capacity,
      allocation: this.s.allocation,
      status: this.s.status,
    };
  }
}
