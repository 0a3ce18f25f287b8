import { ConflictError } from '#libs/ddd/errors.js';

/** A move the state machine does not allow (contract 00-common's default reason). */
export class InvalidHousingTransition extends ConflictError {
  constructor(what: string, from: string, action: string, allowedFrom: string) {
    super('INVALID_STATUS_TRANSITION', `Cannot ${action} a ${what} that is ${from}; it must be ${allowedFrom}`);
  }
}

/** Stays are for TRIAL_STAY and SHARED_HOUSE only (blocks too: only their nights are booked). */
export class NotBookable extends ConflictError {
  constructor(kind: string) {
    super('NOT_BOOKABLE', `A ${kind} listing is not booked by the night; ask for a viewing instead`);
  }
}

/** Viewings are for every kind but TRIAL_STAY. */
export class NotViewable extends ConflictError {
  constructor(kind: string) {
    super('NOT_VIEWABLE', `A ${kind} listing is not viewed; request a stay instead`);
  }
}

/** A CONFIRMED or CHECKED_IN stay, or a block, holds one of the nights. */
export class DatesTaken extends ConflictError {
  constructor() {
    super('DATES_TAKEN', 'Some of these nights are already taken');
  }
}

/** The guest already has an active stay (REQUESTED, CONFIRMED, CHECKED_IN) for one of these nights. */
export class GuestDoubleBooked extends ConflictError {
  constructor() {
    super('GUEST_DOUBLE_BOOKED', 'You already have a stay for some of these nights');
  }
}

/** Archiving while a CONFIRMED or CHECKED_IN stay is ahead. */
export class HasActiveStays extends ConflictError {
  constructor() {
    super('HAS_ACTIVE_STAYS', 'The listing has confirmed stays ahead; cancel or complete them first');
  }
}

/** An ARCHIVED listing is kept as it was. */
export class ListingNotEditable extends ConflictError {
  constructor() {
    super('LISTING_ARCHIVED', 'An ARCHIVED listing cannot be changed');
  }
}

/** Check-in opens on the check-in day (in Japan). */
export class CheckInDayNotReached extends ConflictError {
  constructor(checkIn: string) {
    super('CHECK_IN_DAY_NOT_REACHED', `Check-in opens on ${checkIn}`);
  }
}
