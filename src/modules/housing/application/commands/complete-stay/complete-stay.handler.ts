import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadStay } from '../load.js';
import { CompleteStayCommand } from './complete-stay.command.js';

@CommandHandler(CompleteStayCommand)
export class CompleteStayHandler extends TransactionalHandler<CompleteStayCommand, { stayId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CompleteStayCommand) {
    const stay = await loadStay(this.repo, command.caller, command.stayId, byManagingStaff);
    stay.complete(tokyoToday());
    await this.repo.saveStay(stay);
    return { stayId: stay.id };
  }
}
