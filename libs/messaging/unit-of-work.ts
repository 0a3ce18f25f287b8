import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Pool } from 'pg';
import type { DomainEvent } from '../ddd/domain-event.js';

interface Scope {
  manager: EntityManager;
  wroteEvents: boolean;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

/** The PostgreSQL error code behind a failed query, if any. */
export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string }).code;
  return (error as { code?: string } | undefined)?.code;
}

/**
 * What a SQL function needs to append events of one type to the log itself, as
 * `UnitOfWork.publish` would: the row's type, source, aggregate type and payload version.
 * (Who receives the event is decided by the relay, not by the publisher.)
 */
export interface OutboxTarget {
  type: string;
  source: string;
  aggregateType: string;
  payloadVersion: number;
}

/**
 * One command, one transaction: the aggregate's rows and its events in the outbox commit
 * together or not at all. The transaction's EntityManager travels in AsyncLocalStorage so
 * repositories find it without it being passed along. Deadlocks and serialization failures
 * are retried a bounded number of times.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');
  private readonly scope = new AsyncLocalStorage<Scope>();
  /** Units of work running now; the storage is switched off when none is (see `enter`). */
  private open = 0;
  private readonly committedListeners: Array<() => void> = [];

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the plain one outside a unit of work (reads). */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  get active(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /**
   * Runs one SQL statement and returns its rows: inside a unit of work in its transaction,
   * otherwise straight on the pool TypeORM opened (`pool.query`: one idle client, released
   * when the answer is in), without the query runner TypeORM makes for every
   * `manager.query` (a fifth of a public page's database time in the app). Logged and failing
   * as `manager.query` does: TypeORM's logger sees the statement, and an error is a
   * QueryFailedError carrying PostgreSQL's.
   */
  async query<T = Record<string, any>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const store = this.scope.getStore();
    if (store) return store.manager.query(sql, parameters);
    const logger = this.dataSource.logger;
    logger.logQuery(sql, parameters);
    try {
      const result = await (this.dataSource.driver as unknown as { master: Pool }).master.query(sql, parameters);
      return result.rows as T[];
    } catch (error) {
      logger.logQueryError(error as Error, sql, parameters);
      throw new QueryFailedError(sql, parameters, error as Error);
    }
  }

  /** Called after a transaction that wrote events commits (the relay listens). */
  onEventsCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  /** Runs work in a transaction; joins the current one when already inside a unit of work. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    for (let attempt = 1; ; attempt++) {
      const scope: Partial<Scope> = { wroteEvents: false };
      try {
        const result = await this.dataSource.transaction((manager) => {
          scope.manager = manager;
          return this.enter(scope as Scope, work);
        });
        if (scope.wroteEvents) for (const listener of this.committedListeners) listener();
        return result;
      } catch (error) {
        const code = pgErrorCode(error);
        if (code === undefined || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug(`retrying transaction after ${code} (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  /**
   * A command whose whole transaction is one statement — a SQL function that locks, decides
   * and writes the aggregate's rows and its outbox rows — sent without BEGIN and COMMIT:
   * PostgreSQL runs a lone statement as a transaction of its own, so there are no extra
   * round trips and a lock it takes is released when it ends, not a round trip later.
   * Inside a unit of work it joins that transaction instead. Deadlocks and serialization
   * failures are retried as in `run`; `wroteEvents` says from the answer whether the
   * statement appended to the outbox (the relay is then woken once it committed).
   */
  async runStatement<T>(sql: string, parameters: unknown[], wroteEvents: (rows: T[]) => boolean): Promise<T[]> {
    const store = this.scope.getStore();
    if (store) {
      const rows: T[] = await store.manager.query(sql, parameters);
      if (wroteEvents(rows)) store.wroteEvents = true;
      return rows;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const rows: T[] = await this.dataSource.query(sql, parameters);
        if (wroteEvents(rows)) for (const listener of this.committedListeners) listener();
        return rows;
      } catch (error) {
        const code = pgErrorCode(error);
        if (code === undefined || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug(`retrying statement after ${code} (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  /** The outbox row of `definition`'s events, for a SQL function that writes them (see `runStatement`). */
  outboxTarget(source: string, definition: { type: string; version: number; aggregateType: string }): OutboxTarget {
    return {
      type: definition.type,
      source,
      aggregateType: definition.aggregateType,
      payloadVersion: definition.version,
    };
  }

  /**
   * Erasure: overwrites the given top-level keys in the payloads of the logged events of some
   * aggregates of one type that hold any of them (`{ email: null, displayName: ERASED_DISPLAY_NAME }`),
   * in the current transaction, in one statement. The log is otherwise append-only; this is
   * the one rewrite the personal-data rules require. Returns the number of rows rewritten.
   */
  async scrubPayloads(aggregateType: string, aggregateIds: string | readonly string[], replace: Record<string, unknown>): Promise<number> {
    const store = this.scope.getStore();
    if (!store) throw new Error('Payloads can only be scrubbed inside a unit of work');
    const rows: unknown = await store.manager.query(
      `UPDATE messaging.outbox SET payload = payload || $3::jsonb
        WHERE aggregate_type = $1 AND aggregate_id = ANY($2::text[]) AND payload ?| $4::text[]`,
      [aggregateType, typeof aggregateIds === 'string' ? [aggregateIds] : aggregateIds, JSON.stringify(replace), Object.keys(replace)],
    );
    return Array.isArray(rows) && typeof rows[1] === 'number' ? rows[1] : 0;
  }

  /** Runs work inside an existing transaction's manager (the relay's). */
  within<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    return this.enter({ manager, wroteEvents: false }, work);
  }

  /**
   * Runs work with its scope in the storage. While an AsyncLocalStorage is on, Node (20)
   * runs a hook for every promise the process makes, reads included (5% of the CPU of the
   * public page under load, once the relay had run a first unit). So the storage is on only
   * while a unit of work runs: the last one to end switches it off, and the next `run`
   * switches it on again. Reads outside a unit find no scope either way.
   */
  private async enter<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
    this.open++;
    try {
      return await this.scope.run(scope, work);
    } finally {
      if (--this.open === 0) this.scope.disable();
    }
  }

  /**
   * Appends events to the log (`messaging.outbox`) in the current transaction, in order;
   * the row records the transaction (`txid`) for readers. Nothing else: every subscriber
   * that exists when the relay reads the log receives them. Outside a transaction this is
   * a programming error.
   */
  async publish(source: string, events: DomainEvent[]): Promise<void> {
    const store = this.scope.getStore();
    if (!store) throw new Error('Events can only be published inside a unit of work');
    if (events.length === 0) return;
    store.wroteEvents = true;
    for (const event of events) {
      await store.manager.query(
        `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [event.id, event.type, source, event.aggregateType, event.aggregateId, event.payloadVersion,
          JSON.stringify(event.payload), event.occurredAt],
      );
    }
  }
}
