import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { loadManagedListing } from '../load.js';
import { UpdateListingCommand } from './update-listing.command.js';

@CommandHandler(UpdateListingCommand)
export class UpdateListingHandler extends TransactionalHandler<UpdateListingCommand, { listingId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: UpdateListingCommand) {
    const listing = await loadManagedListing(this.repo, command.caller, command.listingId);
    listing.update(command.changes);
    await this.repo.saveListing(listing);
    return { listingId: listing.id };
  }
}
