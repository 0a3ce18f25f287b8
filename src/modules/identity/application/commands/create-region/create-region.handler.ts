import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Region } from '../../../domain/region.aggregate.js';
import { IdentityRepository } from '../../../infrastructure/identity.repository.js';
import { IdentityPolicy } from '../../identity.policy.js';
import { CreateRegionCommand } from './create-region.command.js';

@CommandHandler(CreateRegionCommand)
export class CreateRegionHandler extends TransactionalHandler<CreateRegionCommand, { regionId: string }> {
  constructor(private readonly repo: IdentityRepository) {
    super();
  }

  protected async handle(command: CreateRegionCommand) {
    IdentityPolicy.createRegion(command.caller);
    const region = Region.create(command);
    await this.repo.saveRegion(region);
    return { regionId: region.id };
  }
}
