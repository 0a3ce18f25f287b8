import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '#libs/config/config.js';
import { APP_CONFIG } from '#libs/config/config.module.js';
import { EnsureAdminCommand } from '../application/commands/ensure-admin/ensure-admin.command.js';
import { EnsureAdminHandler } from '../application/commands/ensure-admin/ensure-admin.handler.js';

/** Ensures the ADMIN account of MINATO_ADMIN_EMAIL / MINATO_ADMIN_PASSWORD at start. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Identity');

  constructor(
    // The handler itself: the command bus registers handlers in the same bootstrap phase.
    private readonly ensureAdmin: EnsureAdminHandler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const { created } = await this.ensureAdmin.execute(new EnsureAdminCommand(adminEmail, adminPassword));
    this.logger.log(created ? `created the ADMIN account ${adminEmail}` : `ADMIN account ${adminEmail} present`);
  }
}
