import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Organization } from '../../../domain/organization.aggregate.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { CreateOrganizationCommand } from './create-organization.command.js';

@CommandHandler(CreateOrganizationCommand)
export class CreateOrganizationHandler extends TransactionalHandler<CreateOrganizationCommand, { organizationId: string }> {
  constructor(private readonly repo: IdentityRepository) {
    super();
  }

  protected async handle(command: CreateOrganizationCommand) {
    IdentityPolicy.createOrganization(command.caller);
    const region = await this.repo.findRegionById(command.regionId);
    if (!region) throw new NotFoundError('Region', command.regionId);
    const org = Organization.create({ regionId: region.id, name: command.name, capabilities: command.capabilities });
    await this.repo.saveOrganization(org);
    return { organizationId: org.id };
  }
}
