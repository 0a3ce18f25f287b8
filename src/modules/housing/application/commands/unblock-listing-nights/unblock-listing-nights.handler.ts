import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { loadManagedListing } from '../load.js';
import { UnblockListingNightsCommand } from './unblock-listing-nights.command.js';

@CommandHandler(UnblockListingNightsCommand)
export class UnblockListingNightsHandler extends TransactionalHandler<UnblockListingNightsCommand, { blockId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: UnblockListingNightsCommand) {
    requireCaller(command.caller);
    const listingId = await this.repo.listingOfBlock(command.blockId);
    if (!listingId) throw new NotFoundError('ListingBlock', command.blockId);
    const listing = await loadManagedListing(this.repo, command.caller, listingId);
    listing.unblock(command.blockId);
    await this.repo.saveListing(listing);
    return { blockId: command.blockId };
  }
}
