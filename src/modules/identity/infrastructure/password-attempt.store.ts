import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { AttemptCounter } from '../application/password-check/attempt-counter.js';
import {
  PASSWORD_ATTEMPT_LIMITS,
  type AttemptScope,
  type AttemptWindow,
} from '../application/password-check/password-attempt.policy.js';

export const ATTEMPT_TABLE = { schema: 'identity', table: 'password_attempt' } as const;

/** What a stored key is: its scope and a SHA-256 of the account's email or the address, so no email sits in the table. */
export function storedAttemptKey(scope: AttemptScope, key: string): string {
  return `${scope}:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

const toWindow = (res: RateLimiterRes | null): AttemptWindow =>
  res === null ? { count: 0, msBeforeReset: 0 } : { count: res.consumedPoints, msBeforeReset: Math.max(0, res.msBeforeNext) };

/**
 * The AttemptCounter in PostgreSQL (identity.password_attempt, made by a migration), so
 * every process shares the counts: rate-limiter-flexible's fixed windows, one atomic upsert
 * per count, on the app's own connection pool (TypeORM's). The limiter only counts; what
 * the counts allow is PasswordAttemptPolicy's to say.
 */
@Injectable()
export class PostgresAttemptCounter implements AttemptCounter {
  private readonly limiters: Record<AttemptScope, RateLimiterPostgres>;

  constructor(dataSource: DataSource) {
    const limiter = (scope: AttemptScope) =>
      new RateLimiterPostgres({
        // 'typeorm': each query goes to the DataSource's pg Pool (driver.master), found at query time.
        storeClient: dataSource,
        storeType: 'typeorm',
        schemaName: ATTEMPT_TABLE.schema,
        tableName: ATTEMPT_TABLE.table,
        // The migration made the table; never create one at runtime.
        tableCreated: true,
        // Expired rows are deleted by IdentityHousekeeping, whose timer stops with the app.
        clearExpiredByTimeout: false,
        keyPrefix: scope,
        points: PASSWORD_ATTEMPT_LIMITS[scope].maxFailures,
        duration: PASSWORD_ATTEMPT_LIMITS[scope].windowSeconds,
      });
    this.limiters = { account: limiter('account'), address: limiter('address') };
  }

  private key(scope: AttemptScope, key: string): string {
    // The limiter prefixes the scope itself ("account:<hash>").
    return storedAttemptKey(scope, key).slice(scope.length + 1);
  }

  async add(scope: AttemptScope, key: string): Promise<AttemptWindow> {
    // penalty() counts without judging (consume() would reject past `points`).
    return toWindow(await this.limiters[scope].penalty(this.key(scope, key), 1));
  }

  async peek(scope: AttemptScope, key: string): Promise<AttemptWindow> {
    return toWindow(await this.limiters[scope].get(this.key(scope, key)));
  }

  async refund(scope: AttemptScope, key: string): Promise<void> {
    await this.limiters[scope].reward(this.key(scope, key), 1);
  }

  async reset(scope: AttemptScope, key: string): Promise<void> {
    await this.limiters[scope].delete(this.key(scope, key));
  }
}
