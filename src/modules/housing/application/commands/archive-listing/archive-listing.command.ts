import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** -> ARCHIVED, by managing staff; HAS_ACTIVE_STAYS while a CONFIRMED or CHECKED_IN stay is ahead. */
export class ArchiveListingCommand extends Command<{ listingId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
  ) {
    super();
  }
}
