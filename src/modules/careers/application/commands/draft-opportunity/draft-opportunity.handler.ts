import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Opportunity } from '../../../domain/opportunity.aggregate.js';
import { CareersRepository } from '../../../infrastructure/careers.repository.js';
import { CareersPolicy } from '../../careers.policy.js';
import { DraftOpportunityCommand } from './draft-opportunity.command.js';

@CommandHandler(DraftOpportunityCommand)
export class DraftOpportunityHandler extends TransactionalHandler<DraftOpportunityCommand, { opportunityId: string }> {
  constructor(private readonly repo: CareersRepository) {
    super();
  }

  protected async handle(command: DraftOpportunityCommand) {
    requireCaller(command.caller);
    const employer = await this.repo.findEmployer(command.employerId);
    if (!employer) throw new NotFoundError('Employer', command.employerId);
    CareersPolicy.manage(command.caller, employer.state.regionId);
    const opportunity = Opportunity.draft(
      { id: employer.id, name: employer.state.name, regionId: employer.state.regionId },
      command.terms,
    );
    await this.repo.saveOpportunity(opportunity);
    return { opportunityId: opportunity.id };
  }
}
