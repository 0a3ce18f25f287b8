/**
 * The small set of error bases every module's named errors extend. libs/graphql maps
 * each to the contract's `extensions.code`; anything else is masked as an internal error.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller is not signed in, or their token is not valid. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message = 'Sign in first') {
    super(message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'You may not do this') {
    super(message);
  }
}

/** The thing does not exist, or the caller may not know that it does. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

/** The request is well formed but the current state forbids it. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(
    /** UPPER_SNAKE_CASE, e.g. REGISTRATION_CLOSED. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** One invalid input field and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The input is invalid; names the fields at fault. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly fields: FieldProblem[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid input');
  }

  static field(field: string, message: string): InvalidInputError {
    return new InvalidInputError([{ field, message }]);
  }
}

/** A limit on attempts was reached; the client may try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS' as const;
  constructor(
    /** Whole seconds, at least 1, until an attempt may be accepted again. */
    readonly retryAfterSeconds: number,
    message = 'Too many attempts; try again later',
  ) {
    super(message);
  }
}

/** Another command changed the aggregate since it was read; the caller may retry. */
export class StaleVersionError extends ConflictError {
  constructor(what: string) {
    super('STALE_VERSION', `${what} was changed by someone else meanwhile; reload and try again`);
  }
}
