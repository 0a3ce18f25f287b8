import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadStay } from '../load.js';
import { CheckInStayCommand } from './check-in-stay.command.js';

@CommandHandler(CheckInStayCommand)
export class CheckInStayHandler extends TransactionalHandler<CheckInStayCommand, { stayId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CheckInStayCommand) {
    const stay = await loadStay(this.repo, command.caller, command.stayId, byManagingStaff);
    stay.checkIn(tokyoToday());
    await this.repo.saveStay(stay);
    return { stayId: stay.id };
  }
}
