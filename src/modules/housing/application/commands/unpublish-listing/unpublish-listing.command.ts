import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** PUBLISHED -> DRAFT, by managing staff. */
export class UnpublishListingCommand extends Command<{ listingId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
  ) {
    super();
  }
}
