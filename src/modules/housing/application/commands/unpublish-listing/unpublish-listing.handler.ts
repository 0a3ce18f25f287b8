import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { loadManagedListing } from '../load.js';
import { UnpublishListingCommand } from './unpublish-listing.command.js';

@CommandHandler(UnpublishListingCommand)
export class UnpublishListingHandler extends TransactionalHandler<UnpublishListingCommand, { listingId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: UnpublishListingCommand) {
    const listing = await loadManagedListing(this.repo, command.caller, command.listingId);
    listing.unpublish();
    await this.repo.saveListing(listing);
    return { listingId: listing.id };
  }
}
