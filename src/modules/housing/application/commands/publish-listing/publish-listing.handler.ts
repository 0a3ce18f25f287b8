import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { loadManagedListing } from '../load.js';
import { PublishListingCommand } from './publish-listing.command.js';

@CommandHandler(PublishListingCommand)
export class PublishListingHandler extends TransactionalHandler<PublishListingCommand, { listingId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: PublishListingCommand) {
    const listing = await loadManagedListing(this.repo, command.caller, command.listingId);
    listing.publish();
    await this.repo.saveListing(listing);
    return { listingId: listing.id };
  }
}
