import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ATTEMPT_TABLE } from './password-attempt.store.js';

const EVERY_MS = 10 * 60_000;

/**
 * Deletes what has stopped mattering: attempt windows that have ended and revocations of
 * tokens that have expired anyway. Every process may run it (the deletes are idempotent);
 * nothing depends on it for correctness, only for the tables' size.
 */
@Injectable()
export class IdentityHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdentityHousekeeping');
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.purgeExpired().catch((error: unknown) => this.logger.warn(`housekeeping failed: ${String(error)}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes ended attempt windows and expired revocations; returns how many rows of each. */
  async purgeExpired(now = new Date()): Promise<{ attempts: number; revocations: number }> {
    const [, attempts] = await this.dataSource.query(
      `DELETE FROM ${ATTEMPT_TABLE.schema}.${ATTEMPT_TABLE.table} WHERE expire < $1`,
      [now.getTime()],
    );
    const [, revocations] = await this.dataSource.query(`DELETE FROM identity.revoked_token WHERE expires_at < $1`, [now]);
    return { attempts, revocations };
  }
}
