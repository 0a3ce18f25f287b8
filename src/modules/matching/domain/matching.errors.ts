import { ConflictError } from '#libs/ddd/errors.js';

/** A status or stage does not allow this. */
export class InvalidMatchingTransition extends ConflictError {
  constructor(what: string, from: string, action: string) {
    super('INVALID_STATUS_TRANSITION', `Cannot ${action} a ${from} ${what}`);
  }
}

/** Interest and scouts need a candidate profile first. */
export class ProfileRequired extends ConflictError {
  constructor() {
    super('PROFILE_REQUIRED', 'Save your candidate profile first (saveMyCandidateProfile)');
  }
}

/** Only PUBLISHED opportunities take interest and scouts. */
export class OpportunityNotPublished extends ConflictError {
  constructor() {
    super('OPPORTUNITY_NOT_PUBLISHED', 'The opportunity is not open (only PUBLISHED opportunities take interest and scouts)');
  }
}

/** The candidate already has a live scout for this opportunity. */
export class ScoutAlreadySent extends ConflictError {
  constructor() {
    super('SCOUT_ALREADY_SENT', 'This candidate already has an unanswered scout for this opportunity');
  }
}

/** The candidate and the opportunity are already matched. */
export class AlreadyMatched extends ConflictError {
  constructor() {
    super('ALREADY_MATCHED', 'This candidate and opportunity are already matched');
  }
}
