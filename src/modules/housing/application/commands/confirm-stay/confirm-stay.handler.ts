import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { ListingStatus } from '#libs/contracts/housing/enums.js';
import { ListingNotEditable } from '../../../domain/housing.errors.js';
import { byManagingStaff, loadStay } from '../load.js';
import { ConfirmStayCommand } from './confirm-stay.command.js';

@CommandHandler(ConfirmStayCommand)
export class ConfirmStayHandler extends TransactionalHandler<ConfirmStayCommand, { stayId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: ConfirmStayCommand) {
    const stay = await loadStay(this.repo, command.caller, command.stayId, byManagingStaff);
    stay.confirm(tokyoToday());
    const listing = await this.repo.findListing(stay.listingId);
    if (listing?.status === ListingStatus.ARCHIVED) throw new ListingNotEditable();
    await this.repo.saveStay(stay);
    return { stayId: stay.id };
  }
}
