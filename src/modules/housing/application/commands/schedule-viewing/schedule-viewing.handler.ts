import { CommandHandler } from '@nestjs/cqrs';
import { ListingStatus } from '#libs/contracts/housing/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { ListingNotEditable } from '../../../domain/housing.errors.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadViewing } from '../load.js';
import { ScheduleViewingCommand } from './schedule-viewing.command.js';

@CommandHandler(ScheduleViewingCommand)
export class ScheduleViewingHandler extends TransactionalHandler<ScheduleViewingCommand, { viewingRequestId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: ScheduleViewingCommand) {
    const viewing = await loadViewing(this.repo, command.caller, command.viewingRequestId, byManagingStaff);
    // An archived listing is shown to no one new (a SCHEDULED viewing would reveal its address).
    const listing = await this.repo.findListing(viewing.data.listingId);
    if (!listing || listing.data.status === ListingStatus.ARCHIVED) throw new ListingNotEditable();
    viewing.schedule(command.at);
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
