import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { DayRange } from '#libs/ddd/calendar-day.js';
import type { ListingBlock } from '../../../domain/listing.aggregate.js';

/** Nights nobody may book, by managing staff; DATES_TAKEN when a stay holds any of them. */
export class BlockListingNightsCommand extends Command<ListingBlock> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly nights: DayRange,
    readonly note: string | null,
  ) {
    super();
  }
}
