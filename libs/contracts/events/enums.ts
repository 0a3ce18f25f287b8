/** What kind of gathering an event is. */
export enum EventKind {
  BRIEFING = 'BRIEFING',
  TOUR = 'TOUR',
  WORKSHOP = 'WORKSHOP',
  MEETUP = 'MEETUP',
}

/** How seats are given out: in order of registration, or by a lottery among applicants. */
export enum AllocationPolicy {
  FIRST_COME = 'FIRST_COME',
  LOTTERY = 'LOTTERY',
}

/** DRAFT -> OPEN -> CLOSED -> COMPLETED; CANCELLED from DRAFT, OPEN or CLOSED. */
export enum EventStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

/** Where one person's registration for one event stands. */
export enum RegistrationStatus {
  /** LOTTERY: waiting for the draw. */
  APPLIED = 'APPLIED',
  /** Holds a seat. */
  CONFIRMED = 'CONFIRMED',
  /** In the queue for a seat (waitlistPosition 1 is next). */
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  /** Checked in on the day. */
  ATTENDED = 'ATTENDED',
  /** Held a seat but never checked in before the event was completed. */
  NO_SHOW = 'NO_SHOW',
}
