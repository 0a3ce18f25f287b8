import { ConflictError } from '#libs/ddd/errors.js';

/** Another consultation holds the slot. */
export class SlotTaken extends ConflictError {
  constructor() {
    super('SLOT_TAKEN', 'This slot is already booked; choose another one');
  }
}

/** The slot has begun or is over. */
export class SlotPast extends ConflictError {
  constructor() {
    super('SLOT_PAST', 'This slot is in the past');
  }
}

/** The slot is of another region, organization, channel or topic than the consultation. */
export class SlotMismatch extends ConflictError {
  constructor(why: string) {
    super('SLOT_MISMATCH', `This slot does not fit the consultation: ${why}`);
  }
}

/** A move the consultation's state machine does not allow. */
export class InvalidConsultationTransition extends ConflictError {
  constructor(from: string, to: string) {
    super('INVALID_STATUS_TRANSITION', `A ${from} consultation cannot become ${to}`);
  }
}
