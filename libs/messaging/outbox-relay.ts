import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DomainEvent } from '../ddd/domain-event.js';
import { SubscriberRegistry } from './subscriber-registry.js';
import { UnitOfWork } from './unit-of-work.js';

/** How the relay retries and when it gives up on an event for one subscriber. */
export interface RelayOptions {
  /** Milliseconds between polls; 0: no background polling (tests drain by hand). */
  intervalMs: number;
  /** Attempts before a delivery is parked for an operator. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

interface ClaimedRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload_version: number;
  payload: unknown;
  occurred_at: Date;
  subscriber: string;
  attempts: number;
}

/** A delivery an operator should look at: it kept failing and was set aside. */
export interface ParkedDelivery {
  eventId: string;
  eventType: string;
  subscriber: string;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
}

/**
 * Delivers outbox events to subscribers at least once. Each delivery is claimed with
 * FOR UPDATE SKIP LOCKED (so any number of processes may relay), handled in the same
 * transaction that records it in the subscriber's inbox, and retried with exponential
 * backoff; after maxAttempts it is parked until an operator replays it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SubscriberRegistry,
    private readonly uow: UnitOfWork,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.intervalMs <= 0) return;
    this.uow.onEventsCommitted(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Before the database closes: stop polling and let a running delivery finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts a drain in the background unless one is running (then it runs once more after). */
  kick(): void {
    if (this.stopped || this.options.intervalMs <= 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error) => this.logger.error(`relay failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Delivers every delivery that is due, until none is left; returns how many were
   * attempted. `asOf` lets tests treat backed-off deliveries as due.
   */
  async drain(asOf?: Date): Promise<number> {
    let attempted = 0;
    while (!this.stopped || asOf) {
      const handled = await this.deliverOne(asOf);
      if (!handled) break;
      attempted++;
    }
    return attempted;
  }

  /**
   * Waits until no delivery is due: drains, and where another process (or the background
   * relay) holds a delivery, waits for it to finish. For loaders and tests that need the
   * other modules to have caught up.
   */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.drain(new Date());
      const [{ due }]: Array<{ due: number }> = await this.dataSource.query(
        `SELECT count(*)::int AS due FROM messaging.delivery
          WHERE status = 'PENDING' AND next_attempt_at <= now() AND subscriber = ANY($1::text[])`,
        [this.registry.names()],
      );
      if (due === 0) return;
      if (Date.now() > deadline) throw new Error(`outbox not settled after ${timeoutMs} ms: ${due} deliveries due`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async deliverOne(asOf?: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedRow[] = await manager.query(
        `SELECT o.id, o.type, o.aggregate_type, o.aggregate_id, o.payload_version, o.payload, o.occurred_at,
                d.subscriber, d.attempts
           FROM messaging.delivery d JOIN messaging.outbox o ON o.id = d.event_id
          WHERE d.status = 'PENDING' AND d.next_attempt_at <= COALESCE($1::timestamptz, now())
            -- During a rolling deploy an older process leaves deliveries for subscribers it lacks to the newer ones.
            AND d.subscriber = ANY($2::text[])
          ORDER BY o.position, d.subscriber
          LIMIT 1
          FOR UPDATE OF d SKIP LOCKED`,
        [asOf ?? null, this.registry.names()],
      );
      if (rows.length === 0) return false;
      const row = rows[0];
      const event: DomainEvent = {
        id: row.id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payloadVersion: row.payload_version,
        payload: row.payload,
        occurredAt: new Date(row.occurred_at),
      };
      const subscriber = this.registry.get(row.subscriber);
      await manager.query('SAVEPOINT deliver');
      try {
        if (!subscriber) throw new Error(`no subscriber named ${row.subscriber} in this deployment`);
        const fresh: unknown[] = await manager.query(
          `INSERT INTO messaging.inbox (subscriber, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [row.subscriber, row.id],
        );
        // Already in the inbox: handled before (at-least-once delivery), so not again.
        if (fresh.length > 0) await this.uow.within(manager, () => subscriber.handle(event));
        await manager.query(
          `UPDATE messaging.delivery SET status = 'DONE', attempts = attempts + 1, delivered_at = now(), last_error = NULL
            WHERE event_id = $1 AND subscriber = $2`,
          [row.id, row.subscriber],
        );
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT deliver');
        const attempts = row.attempts + 1;
        const park = attempts >= this.options.maxAttempts;
        const delay = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
        const message = error instanceof Error ? error.message : String(error);
        await manager.query(
          `UPDATE messaging.delivery
              SET attempts = $3, last_error = $4, status = $5,
                  next_attempt_at = COALESCE($6::timestamptz, now()) + make_interval(secs => $7::double precision / 1000)
            WHERE event_id = $1 AND subscriber = $2`,
          [row.id, row.subscriber, attempts, message.slice(0, 2000), park ? 'PARKED' : 'PENDING', asOf ?? null, delay],
        );
        this.logger.warn(
          `${row.subscriber} failed on ${row.type} ${row.id} (attempt ${attempts}${park ? ', parked' : ''}): ${message}`,
        );
      }
      return true;
    });
  }

  /** Deliveries that kept failing, oldest first. */
  async parked(): Promise<ParkedDelivery[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.event_id, o.type, d.subscriber, d.attempts, d.last_error, o.occurred_at
         FROM messaging.delivery d JOIN messaging.outbox o ON o.id = d.event_id
        WHERE d.status = 'PARKED' ORDER BY o.position, d.subscriber`,
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      eventType: r.type as string,
      subscriber: r.subscriber as string,
      attempts: r.attempts as number,
      lastError: (r.last_error as string | null) ?? null,
      occurredAt: new Date(r.occurred_at as string),
    }));
  }

  /** Puts a parked delivery back in line with fresh attempts; false if none was parked. */
  async replay(eventId: string, subscriber: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE messaging.delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now()
        WHERE event_id = $1 AND subscriber = $2 AND status = 'PARKED'`,
      [eventId, subscriber],
    )) as [unknown, number];
    if (affected > 0) this.kick();
    return affected > 0;
  }
}
