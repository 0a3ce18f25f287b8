import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PRIVACY_RECORD_RETENTION_YEARS } from '#libs/contracts/privacy/enums.js';
import { retentionCutoff } from '../domain/consent.js';

const EVERY_MS = 60 * 60_000;

/**
 * The scheduled job that ends the retention of provision records and access-log entries:
 * deletes those older than three years, hourly and once at start. Every process may run it
 * (the deletes are idempotent).
 */
@Injectable()
export class PrivacyHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PrivacyHousekeeping');
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const run = () => this.purgeExpired().catch((error: unknown) => this.logger.warn(`retention sweep failed: ${String(error)}`));
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
    setImmediate(run);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes the records whose retention has ended; how many of each. */
  async purgeExpired(now = new Date()): Promise<{ provisionRecords: number; accessLog: number }> {
    const cutoff = retentionCutoff(now, PRIVACY_RECORD_RETENTION_YEARS);
    const [, provisionRecords] = await this.dataSource.query(`DELETE FROM privacy.provision_record WHERE at < $1`, [cutoff]);
    const [, accessLog] = await this.dataSource.query(`DELETE FROM privacy.access_log WHERE at < $1`, [cutoff]);
    return { provisionRecords, accessLog };
  }
}
