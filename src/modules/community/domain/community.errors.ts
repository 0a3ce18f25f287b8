import { ConflictError } from '#libs/ddd/errors.js';

/** The status does not allow this move. */
export class InvalidStatusTransition extends ConflictError {
  constructor(what: string, from: string, action: string, allowedFrom: string) {
    super('INVALID_STATUS_TRANSITION', `Cannot ${action} ${what} that is ${from}; it must be ${allowedFrom}`);
  }
}

/** Every seat of the role is taken by an ACCEPTED application. */
export class RoleFull extends ConflictError {
  constructor() {
    super('ROLE_FULL', 'Every seat of this role is taken');
  }
}

/** Applications and acceptances need an OPEN role. */
export class RoleNotOpen extends ConflictError {
  constructor(status: string) {
    super('ROLE_NOT_OPEN', `The role is ${status}; it must be OPEN`);
  }
}

/** A CLOSED role cannot be edited. */
export class RoleClosed extends ConflictError {
  constructor() {
    super('ROLE_CLOSED', 'A CLOSED role cannot be edited');
  }
}

/** The supporter already walks beside as many newcomers as they offered. */
export class SupporterFull extends ConflictError {
  constructor() {
    super('SUPPORTER_FULL', 'The supporter already has as many newcomers as they can take');
  }
}

/** Only approved, active supporters are assigned. */
export class SupporterUnavailable extends ConflictError {
  constructor() {
    super('SUPPORTER_UNAVAILABLE', 'The supporter is not approved or not active');
  }
}

/** Starting a plan needs the region's template. */
export class NoOnboardingTemplate extends ConflictError {
  constructor() {
    super('NO_ONBOARDING_TEMPLATE', 'The region has no onboarding template yet');
  }
}
