import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** DRAFT -> PUBLISHED, by managing staff. */
export class PublishListingCommand extends Command<{ listingId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
  ) {
    super();
  }
}
