import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ListingChanges } from '../../../domain/listing.aggregate.js';

/** Edits any field but kind and organization while not ARCHIVED, by managing staff. */
export class UpdateListingCommand extends Command<{ listingId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly changes: ListingChanges,
  ) {
    super();
  }
}
