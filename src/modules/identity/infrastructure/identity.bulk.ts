import { Injectable } from '@nestjs/common';
import { Capability } from '#libs/auth/caller.js';
import { BulkSeeder } from '#libs/demo/bulk-seeder.js';
import { CreateOrganizationHandler } from '../application/commands/create-organization/create-organization.handler.js';
import { CreateOrganizationCommand } from '../application/commands/create-organization/create-organization.command.js';
import { CreateRegionCommand } from '../application/commands/create-region/create-region.command.js';
import { CreateRegionHandler } from '../application/commands/create-region/create-region.handler.js';
import { IdentityRepository } from './identity.repository.js';
import { SYSTEM_ADMIN } from './identity.demo.js';

/** Fictional regions (bulk-01, bulk-02, …), each with one partner organization running every workflow. */
@Injectable()
export class IdentityBulkSeeder extends BulkSeeder {
  readonly kind = 'regions';

  constructor(
    private readonly repo: IdentityRepository,
    private readonly createRegion: CreateRegionHandler,
    private readonly createOrganization: CreateOrganizationHandler,
  ) {
    super();
  }

  async generate(count: number, log: (message: string) => void): Promise<number> {
    let regions = (await this.repo.listRegions()).length;
    for (let n = 1; regions < count; n++) {
      const code = `bulk-${String(n).padStart(2, '0')}`;
      if (await this.repo.findRegionByCode(code)) continue;
      const { regionId } = await this.createRegion.execute(new CreateRegionCommand(SYSTEM_ADMIN, code, `サンプル市 ${n}`, '宮城県'));
      await this.createOrganization.execute(
        new CreateOrganizationCommand(SYSTEM_ADMIN, regionId, `サンプル市 ${n} 移住支援センター`, Object.values(Capability)),
      );
      regions++;
    }
    log(`regions: ${regions}`);
    return regions;
  }
}
