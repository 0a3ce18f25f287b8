import { ConflictError } from '#libs/ddd/errors.js';

/** The event's status does not allow this move (DRAFT -> OPEN -> CLOSED -> COMPLETED; CANCELLED from DRAFT, OPEN or CLOSED). */
export class InvalidEventTransition extends ConflictError {
  constructor(from: string, action: string, allowedFrom: string) {
    super('INVALID_STATUS_TRANSITION', `Cannot ${action} an event that is ${from}; it must be ${allowedFrom}`);
  }
}

/** The event is not OPEN, or its application deadline has passed. */
export class RegistrationClosed extends ConflictError {
  constructor(why: string) {
    super('REGISTRATION_CLOSED', `Registration for this event is closed: ${why}`);
  }
}

/** drawLottery on a FIRST_COME event. */
export class NotALottery extends ConflictError {
  constructor() {
    super('NOT_A_LOTTERY', 'This event gives its seats first come, first served; there is no lottery to draw');
  }
}

/** The lottery of an event is drawn once. */
export class LotteryAlreadyDrawn extends ConflictError {
  constructor() {
    super('LOTTERY_ALREADY_DRAWN', "This event's lottery has already been drawn");
  }
}

/** A LOTTERY event with applicants cannot be completed before its draw. */
export class LotteryNotDrawn extends ConflictError {
  constructor() {
    super('LOTTERY_NOT_DRAWN', 'Draw the lottery before completing the event: applicants are still waiting for it');
  }
}

/** The registration can no longer be cancelled (the person attended, or was a no-show). */
export class RegistrationNotCancellable extends ConflictError {
  constructor(status: string) {
    super('REGISTRATION_NOT_CANCELLABLE', `A ${status} registration cannot be cancelled`);
  }
}

/** The event is over or cancelled, so its registrations no longer change. */
export class EventNotActive extends ConflictError {
  constructor(status: string) {
    super('EVENT_NOT_ACTIVE', `The event is ${status}; its registrations no longer change`);
  }
}

/** Only a CONFIRMED registration can be checked in. */
export class RegistrationNotConfirmed extends ConflictError {
  constructor(status: string) {
    super('REGISTRATION_NOT_CONFIRMED', `Only a CONFIRMED registration can be checked in; this one is ${status}`);
  }
}

/** Feedback comes from attendees, after check-in. */
export class NotAttended extends ConflictError {
  constructor(status: string) {
    super('NOT_ATTENDED', `Feedback can be given after attending; this registration is ${status}`);
  }
}

/** One feedback per registration. */
export class FeedbackAlreadySubmitted extends ConflictError {
  constructor() {
    super('FEEDBACK_ALREADY_SUBMITTED', 'Feedback for this registration has already been submitted');
  }
}
