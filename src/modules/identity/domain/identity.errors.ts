import { ConflictError, InvalidInputError, TooManyRequestsError } from '#libs/ddd/errors.js';

/** Another account already uses this email. */
export class EmailTaken extends ConflictError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this email already exists');
  }
}

/** Another region already uses this code. */
export class RegionCodeTaken extends ConflictError {
  constructor(code: string) {
    super('REGION_CODE_TAKEN', `A region with code "${code}" already exists`);
  }
}

/** The region already has an organization of this name. */
export class OrganizationNameTaken extends ConflictError {
  constructor(name: string) {
    super('ORGANIZATION_NAME_TAKEN', `The region already has an organization named "${name}"`);
  }
}

/** The account already belongs to the organization. */
export class AlreadyMember extends ConflictError {
  constructor() {
    super('ALREADY_MEMBER', 'The account already belongs to this organization');
  }
}

export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password against the contract's rule; BAD_USER_INPUT naming `field`. */
export function assertPasswordAcceptable(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw InvalidInputError.field(field, `must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}

/** changePassword with a current password that is not the account's (not an expired session). */
export class WrongCurrentPassword extends InvalidInputError {
  constructor() {
    super([{ field: 'currentPassword', message: 'is not the current password' }]);
  }
}

/** A password asked for again (eraseMyAccount) that is not the account's. */
export class WrongPassword extends InvalidInputError {
  constructor(field: string) {
    super([{ field, message: 'is not the password of this account' }]);
  }
}

/**
 * Too many failed password checks for this account or from this address: the same answer
 * whether or not the account exists, the right password included, until the window passes.
 */
export class TooManyPasswordAttempts extends TooManyRequestsError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, `Too many failed password attempts; try again in ${retryAfterSeconds} seconds`);
  }
}
