import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadViewing } from '../load.js';
import { CompleteViewingCommand } from './complete-viewing.command.js';

@CommandHandler(CompleteViewingCommand)
export class CompleteViewingHandler extends TransactionalHandler<CompleteViewingCommand, { viewingRequestId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CompleteViewingCommand) {
    const viewing = await loadViewing(this.repo, command.caller, command.viewingRequestId, byManagingStaff);
    viewing.complete();
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
