import { CommandHandler } from '@nestjs/cqrs';
import { requireCandidate } from '#libs/auth/require.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { ListingStatus } from '#libs/contracts/housing/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { ViewingRequest } from '../../../domain/viewing-request.aggregate.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { RequestViewingCommand } from './request-viewing.command.js';

@CommandHandler(RequestViewingCommand)
export class RequestViewingHandler extends TransactionalHandler<RequestViewingCommand, { viewingRequestId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: RequestViewingCommand) {
    const requester = requireCandidate(command.caller);
    // A request in flight while the account is erased either commits before the erasure looks
    // (and is erased with the rest) or finds it done.
    await this.repo.refuseErased(requester.accountId);
    const listing = await this.repo.findListing(command.listingId);
    if (!listing || listing.status !== ListingStatus.PUBLISHED) throw new NotFoundError('Listing', command.listingId);
    const viewing = ViewingRequest.request(
      { id: listing.id, organizationId: listing.organizationId, regionId: listing.regionId, kind: listing.kind },
      { accountId: requester.accountId, displayName: requester.displayName, email: requester.email, ...command.register },
      command.ask,
      tokyoToday(),
    );
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
