import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { GetOrganizationsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Employer } from '../../../domain/employer.aggregate.js';
import { CareersRepository } from '../../../infrastructure/careers.repository.js';
import { CareersPolicy } from '../../careers.policy.js';
import { RegisterEmployerCommand } from './register-employer.command.js';

@CommandHandler(RegisterEmployerCommand)
export class RegisterEmployerHandler extends TransactionalHandler<RegisterEmployerCommand, { employerId: string }> {
  constructor(
    private readonly repo: CareersRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: RegisterEmployerCommand) {
    requireCaller(command.caller);
    const [org] = await this.queries.execute(new GetOrganizationsByIdsQuery([command.organizationId]));
    if (!org) throw new NotFoundError('Organization', command.organizationId);
    CareersPolicy.registerEmployer(command.caller, org.id);
    const employer = Employer.register({
      organizationId: org.id,
      regionId: org.regionId,
      name: command.name,
      industry: command.industry,
      description: command.description,
    });
    await this.repo.saveEmployer(employer);
    return { employerId: employer.id };
  }
}
