import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import type { ListingBlock } from '../../../domain/listing.aggregate.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { loadManagedListing } from '../load.js';
import { BlockListingNightsCommand } from './block-listing-nights.command.js';

@CommandHandler(BlockListingNightsCommand)
export class BlockListingNightsHandler extends TransactionalHandler<BlockListingNightsCommand, ListingBlock> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: BlockListingNightsCommand) {
    const listing = await loadManagedListing(this.repo, command.caller, command.listingId);
    const block = listing.block(command.nights, command.note, tokyoToday());
    // The exclusion constraint decides (a confirmation racing for a night loses or wins whole).
    await this.repo.saveListing(listing);
    return block;
  }
}
