import { ConflictError } from '#libs/ddd/errors.js';

/** The status does not allow this move (DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED; IN_REVIEW -> DRAFT). */
export class InvalidOpportunityTransition extends ConflictError {
  constructor(from: string, action: string, allowedFrom: string) {
    super('INVALID_STATUS_TRANSITION', `Cannot ${action} an opportunity that is ${from}; it must be ${allowedFrom}`);
  }
}

/** Only DRAFT and IN_REVIEW opportunities can be edited. */
export class OpportunityNotEditable extends ConflictError {
  constructor(status: string) {
    super('OPPORTUNITY_NOT_EDITABLE', `A ${status} opportunity cannot be edited; only DRAFT and IN_REVIEW ones can`);
  }
}

/** The region already has an employer of this name. */
export class EmployerNameTaken extends ConflictError {
  constructor(name: string) {
    super('EMPLOYER_NAME_TAKEN', `The region already has an employer named "${name}"`);
  }
}
