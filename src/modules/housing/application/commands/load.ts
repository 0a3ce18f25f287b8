import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError, NotFoundError } from '#libs/ddd/errors.js';
import type { Listing } from '../../domain/listing.aggregate.js';
import type { Stay } from '../../domain/stay.aggregate.js';
import type { ViewingRequest } from '../../domain/viewing-request.aggregate.js';
import type { HousingRepository } from '../../infrastructure/housing.repository.js';
import { HousingPolicy } from '../housing.policy.js';

/** A listing the caller manages: UNAUTHENTICATED, NOT_FOUND, then FORBIDDEN. */
export async function loadManagedListing(repo: HousingRepository, caller: Caller | null, id: string): Promise<Listing> {
  requireCaller(caller);
  const listing = await repo.findListing(id);
  if (!listing) throw new NotFoundError('Listing', id);
  HousingPolicy.manage(caller, listing.organizationId);
  return listing;
}

/**
 * A stay the caller may see (the guest, managing staff, an ADMIN; NOT_FOUND for anyone
 * else, who must not learn it exists), then FORBIDDEN unless `may` allows the move.
 */
export async function loadStay(
  repo: HousingRepository,
  caller: Caller | null,
  id: string,
  may: (caller: Caller, stay: Stay) => boolean,
): Promise<Stay> {
  const known = requireCaller(caller);
  const stay = await repo.findStay(id);
  if (!stay || !HousingPolicy.seesRequest(known, stay.guestAccountId, stay.organizationId)) throw new NotFoundError('Stay', id);
  if (!may(known, stay)) throw new ForbiddenError('Only managing staff may do this with a stay');
  return stay;
}

/** As loadStay, for a viewing request. */
export async function loadViewing(
  repo: HousingRepository,
  caller: Caller | null,
  id: string,
  may: (caller: Caller, viewing: ViewingRequest) => boolean,
): Promise<ViewingRequest> {
  const known = requireCaller(caller);
  const viewing = await repo.findViewing(id);
  if (!viewing || !HousingPolicy.seesRequest(known, viewing.requesterAccountId, viewing.organizationId)) {
    throw new NotFoundError('ViewingRequest', id);
  }
  if (!may(known, viewing)) throw new ForbiddenError('Only managing staff may do this with a viewing request');
  return viewing;
}

/** Staff moves: managing staff only. */
export const byManagingStaff = (caller: Caller, thing: { organizationId: string }) => HousingPolicy.manages(caller, thing.organizationId);
