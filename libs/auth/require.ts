import { ForbiddenError, UnauthenticatedError } from '../ddd/errors.js';
import type { Caller } from './caller.js';

/** The caller, or UNAUTHENTICATED for an anonymous one. */
export function requireCaller(caller: Caller | null | undefined): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

/** The caller if an ADMIN; FORBIDDEN for others, UNAUTHENTICATED for anonymous. */
export function requireAdmin(caller: Caller | null | undefined): Caller {
  const known = requireCaller(caller);
  if (!known.isAdmin) throw new ForbiddenError('Only a platform administrator may do this');
  return known;
}

/** The caller if a CANDIDATE account. */
export function requireCandidate(caller: Caller | null | undefined): Caller {
  const known = requireCaller(caller);
  if (!known.isCandidate) throw new ForbiddenError('Only a candidate account may do this');
  return known;
}
