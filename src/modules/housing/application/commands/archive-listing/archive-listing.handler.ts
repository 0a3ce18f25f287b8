import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { loadManagedListing } from '../load.js';
import { ArchiveListingCommand } from './archive-listing.command.js';

@CommandHandler(ArchiveListingCommand)
export class ArchiveListingHandler extends TransactionalHandler<ArchiveListingCommand, { listingId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: ArchiveListingCommand) {
    const listing = await loadManagedListing(this.repo, command.caller, command.listingId);
    await this.repo.lockListing(listing.id); // before looking: a racing confirmation waits, then is refused
    listing.archive(await this.repo.hasStaysAhead(listing.id, tokyoToday()));
    await this.repo.saveListing(listing);
    return { listingId: listing.id };
  }
}
