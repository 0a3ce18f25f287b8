import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadStay } from '../load.js';
import { DeclineStayCommand } from './decline-stay.command.js';

@CommandHandler(DeclineStayCommand)
export class DeclineStayHandler extends TransactionalHandler<DeclineStayCommand, { stayId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: DeclineStayCommand) {
    const stay = await loadStay(this.repo, command.caller, command.stayId, byManagingStaff);
    stay.decline(tokyoToday());
    await this.repo.saveStay(stay);
    return { stayId: stay.id };
  }
}
