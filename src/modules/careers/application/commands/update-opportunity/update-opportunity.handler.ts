import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CareersRepository } from '../../../infrastructure/careers.repository.js';
import { loadManagedOpportunity } from '../change-opportunity-status/change-opportunity-status.handler.js';
import { UpdateOpportunityCommand } from './update-opportunity.command.js';

@CommandHandler(UpdateOpportunityCommand)
export class UpdateOpportunityHandler extends TransactionalHandler<UpdateOpportunityCommand, { opportunityId: string }> {
  constructor(private readonly repo: CareersRepository) {
    super();
  }

  protected async handle(command: UpdateOpportunityCommand) {
    const opportunity = await loadManagedOpportunity(this.repo, command.caller, command.opportunityId);
    opportunity.update(command.changes);
    await this.repo.saveOpportunity(opportunity);
    return { opportunityId: opportunity.id };
  }
}
