import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadViewing } from '../load.js';
import { DeclineViewingCommand } from './decline-viewing.command.js';

@CommandHandler(DeclineViewingCommand)
export class DeclineViewingHandler extends TransactionalHandler<DeclineViewingCommand, { viewingRequestId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: DeclineViewingCommand) {
    const viewing = await loadViewing(this.repo, command.caller, command.viewingRequestId, byManagingStaff);
    viewing.decline();
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
