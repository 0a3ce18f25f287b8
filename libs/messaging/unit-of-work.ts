import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { DomainEvent } from '../ddd/domain-event.js';
import { SubscriberRegistry } from './subscriber-registry.js';

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
 * One command, one transaction: the aggregate's rows and its events in the outbox commit
 * together or not at all. The transaction's EntityManager travels in AsyncLocalStorage so
 * repositories find it without it being passed along. Deadlocks and serialization failures
 * are retried a bounded number of times.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('UnitOfWork');
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly committedListeners: Array<() => void> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SubscriberRegistry,
  ) {}

  /** The current transaction's manager, or the plain one outside a unit of work (reads). */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  get active(): boolean {
    return this.scope.getStore() !== undefined;
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
          return this.scope.run(scope as Scope, work);
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

  /** Runs work inside an existing transaction's manager (the relay's). */
  within<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    return this.scope.run({ manager, wroteEvents: false }, work);
  }

  /**
   * Appends events to the outbox in the current transaction, with a pending delivery for
   * each subscriber of their type. Outside a transaction this is a programming error.
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
      const subscribers = this.registry.subscribersOf(event.type);
      if (subscribers.length > 0) {
        await store.manager.query(
          `INSERT INTO messaging.delivery (event_id, subscriber) SELECT $1, unnest($2::text[])`,
          [event.id, subscribers],
        );
      }
    }
  }
}
