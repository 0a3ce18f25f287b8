import { CommandHandler } from '@nestjs/cqrs';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadStay } from '../load.js';
import { CancelStayCommand } from './cancel-stay.command.js';

@CommandHandler(CancelStayCommand)
export class CancelStayHandler extends TransactionalHandler<CancelStayCommand, { stayId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CancelStayCommand) {
    const stay = await loadStay(this.repo, command.caller, command.stayId, (c, s) => c.accountId === s.guestAccountId || byManagingStaff(c, s));
    stay.cancel(command.caller!.accountId === stay.guestAccountId ? 'GUEST' : 'STAFF', tokyoToday());
    await this.repo.saveStay(stay);
    return { stayId: stay.id };
  }
}
