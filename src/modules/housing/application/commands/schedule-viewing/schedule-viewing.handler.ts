import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
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
    viewing.schedule(command.at);
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
