import { ConflictError, InvalidInputError } from '../../../../libs/ddd/errors.js';

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

/** Checks a new password against the contract's rule; BAD_USER_INPUT naming `password`. */
export function assertPasswordAcceptable(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw InvalidInputError.field('password', `must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}
