import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ListingKind } from '#libs/contracts/housing/enums.js';
import type { ListingTerms } from '../../../domain/listing.aggregate.js';

/** A DRAFT listing of an organization with HOUSING_MANAGE, by its staff. */
export class CreateListingCommand extends Command<{ listingId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly organizationId: string,
    readonly kind: ListingKind,
    readonly terms: ListingTerms,
  ) {
    super();
  }
}
