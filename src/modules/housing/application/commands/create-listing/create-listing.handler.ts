import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Listing } from '../../../domain/listing.aggregate.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { HousingPolicy } from '../../housing.policy.js';
import { CreateListingCommand } from './create-listing.command.js';

@CommandHandler(CreateListingCommand)
export class CreateListingHandler extends TransactionalHandler<CreateListingCommand, { listingId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CreateListingCommand) {
    const manager = HousingPolicy.createListing(command.caller, command.organizationId);
    const listing = Listing.create(manager, command.kind, command.terms);
    await this.repo.saveListing(listing);
    return { listingId: listing.id };
  }
}
