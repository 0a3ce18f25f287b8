import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { byManagingStaff, loadViewing } from '../load.js';
import { CancelViewingCommand } from './cancel-viewing.command.js';

@CommandHandler(CancelViewingCommand)
export class CancelViewingHandler extends TransactionalHandler<CancelViewingCommand, { viewingRequestId: string }> {
  constructor(private readonly repo: HousingRepository) {
    super();
  }

  protected async handle(command: CancelViewingCommand) {
    const viewing = await loadViewing(
      this.repo, command.caller, command.viewingRequestId, (c, v) => c.accountId === v.requesterAccountId || byManagingStaff(c, v),
    );
    viewing.cancel(command.caller!.accountId === viewing.requesterAccountId ? 'REQUESTER' : 'STAFF');
    await this.repo.saveViewing(viewing);
    return { viewingRequestId: viewing.id };
  }
}
