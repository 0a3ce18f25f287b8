import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { NotFoundError } from '../ddd/errors.js';
import { recordHandling } from './messaging-audit.js';
import { SubscriberRegistry, type EventSubscriber } from './subscriber-registry.js';
import { UnitOfWork, pgErrorCode } from './unit-of-work.js';
import { eventFromRow } from './outbox-row.js';

/** How the relay reads the log, retries and when it gives up on an event for one subscriber. */
export interface RelayOptions {
  /** Milliseconds between polls; 0: no background polling (tests drain by hand). */
  intervalMs: number;
  /** Attempts before a delivery is parked for an operator. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Days the bookkeeping of handled events (delivery and inbox rows) is kept; the log itself is kept. */
  retentionDays: number;
  /** Log rows one subscriber reads per transaction (default 500). */
  batchSize?: number;
  /** Subscribers one process relays at the same time (default 4). */
  concurrency?: number;
  /** Milliseconds a subscriber's transaction keeps handing events over (default 200; see STEP_BUDGET_MS). */
  stepBudgetMs?: number;
  /**
   * Diagnostics (MINATO_MESSAGING_AUDIT): count every handling in `messaging.audit`, in
   * its transaction (see messaging-audit.ts).
   */
  audit?: boolean;
}

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

/** First key of the relay's advisory locks (second: hashtext of the subscriber's name); "msgs". */
export const RELAY_LOCK_SPACE = 0x6d736773;
const LOCK_SPACE = RELAY_LOCK_SPACE;
/**
 * A subscriber's transaction stops taking new events after handing them over for this long,
 * so its locks stay short. Reading the batch does not count, and neither do rows of types it
 * does not take: those are passed over at no cost (were the batch's read counted, a slow read
 * would let a subscriber pass one row per transaction).
 */
const STEP_BUDGET_MS = 200;
/** Aggregates whose retry is due, handled per subscriber and transaction. */
const DUE_PER_STEP = 50;
const PRUNE_EVERY_MS = 3600_000;
const PRUNE_AFTER_START_MS = 60_000;
const PRUNE_CHUNK = 5000;
const TRANSIENT = new Set(['40001', '40P01']);

/** A delivery an operator should look at: it kept failing and was set aside; later events of its aggregate wait behind it. */
export interface ParkedDelivery {
  eventId: string;
  eventType: string;
  subscriber: string;
  aggregateType: string;
  aggregateId: string;
  position: number;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
  /** Later events of the same aggregate held behind it for this subscriber. */
  held: number;
}

/** Where one subscriber is in the log, and what waits. */
export interface SubscriberProgress {
  name: string;
  /** Log position of the last event it passed (the cursor). */
  position: number;
  /** Events before this position are never handed to it. */
  fromPosition: number;
  /** Events of its types in the log it has not passed yet. */
  lag: number;
  /** Failed events waiting for their next attempt. */
  retrying: number;
  /** Events waiting behind an earlier event of their aggregate. */
  held: number;
  parked: number;
  /** Whether the process answering runs it (a renamed or removed subscriber is not). */
  active: boolean;
  /** When a process running it last started. */
  seenAt: Date;
  resetAt: Date | null;
}

interface Cursor {
  txid: string;
  position: string;
  from: string;
}

/** A log row as a subscriber's batch reads it; `matches` when it is the subscriber's business. */
interface LogRow {
  position: string;
  txid: string;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload_version: number;
  occurred_at: Date;
  payload: unknown;
  matches: boolean | null;
  /** Its aggregate already has a queue (failed, held or parked events) for this subscriber. */
  queued: boolean | null;
  /** Position of its aggregate's previous event of the subscriber's types, when the cursor has not passed it. */
  behind: string | null;
}

/** The head of one subscriber's queue for one aggregate. */
interface QueueHead {
  id: string;
  status: 'RETRY' | 'HELD' | 'PARKED';
  attempts: number;
  position: string;
  waiting: boolean;
  behind: boolean;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload_version: number;
  payload: unknown;
  occurred_at: Date;
}

interface StepResult {
  attempted: number;
  /** The cursor moved or an event was attempted: another pass may find more. */
  progressed: boolean;
}

/**
 * What the relay records and logs of a subscriber's failure (delivery.last_error, shown to
 * ADMINs as parkedEvents.lastError). The message, except where PostgreSQL's can quote a value
 * the handler sent — data exceptions (class 22: `invalid input syntax for type uuid: "…"`),
 * a syntax error (42601 quotes the token), and RAISE or ASSERT in a function, whatever
 * SQLSTATE it chose: the value could be someone's email or name. Those keep the SQLSTATE and
 * what PostgreSQL names (routine, table, column, constraint), never the message. PostgreSQL's
 * other messages name objects, not values (a duplicate's values are in its detail, which is
 * not kept), and the app's own errors name ids, not people.
 */
export function failureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const pg = (error instanceof QueryFailedError ? error.driverError : error) as
    | Partial<Record<'code' | 'severity' | 'routine' | 'table' | 'column' | 'constraint', string>>
    | undefined;
  // PostgreSQL's own error (a SQLSTATE and a severity), not one of the app's errors with a `code`.
  const code = typeof pg?.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code) && typeof pg.severity === 'string' ? pg.code : undefined;
  if (code === undefined) return message;
  const quotes = code.startsWith('22') || code.startsWith('P0') || code === '42601' || pg!.routine === 'exec_stmt_raise' || pg!.routine === 'exec_stmt_assert';
  if (!quotes) return `PostgreSQL ${code}: ${message}`;
  const names = (['routine', 'table', 'column', 'constraint'] as const).filter((k) => pg![k]).map((k) => `${k} ${pg![k]}`);
  return `PostgreSQL ${code}${names.length ? ` (${names.join(', ')})` : ''}: message not kept (it can quote a value)`;
}

/** A subscriber threw: the relay's transaction is rolled back and run again with this failure recorded instead. */
class HandlerFailure extends Error {
  constructor(
    readonly eventId: string,
    readonly error: unknown,
    /** Index in the step's batch when the cursor (not a retry) handed the event over. */
    readonly batchIndex: number | null,
  ) {
    super(failureText(error));
  }

  /** A deadlock or serialization failure: worth running the transaction again as it was. */
  get transient(): boolean {
    const code = pgErrorCode(this.error);
    return code !== undefined && TRANSIENT.has(code);
  }
}

/** Rows of types a subscriber does not take that may lie ahead of its cursor before a step moves it on. */
const MOVE_ON_AFTER = 100;

const keyOf = (aggregateType: string, aggregateId: string) => `${aggregateType}\u0000${aggregateId}`;

/**
 * Feeds each subscriber of this process from the event log (`messaging.outbox`).
 *
 * Each subscriber has a cursor in the log (`messaging.subscriber`), read in (txid,
 * position) order and only below the oldest running transaction, so no committed row is
 * ever passed over (see migration 1764900000000). Per subscriber, one transaction at a
 * time: it takes the subscriber's advisory lock (`pg_try_advisory_xact_lock`; another
 * process busy with it is skipped, so any number of processes relay and never two hand one
 * subscriber's events over at once), reads a batch after the cursor, hands each event of
 * its types over in that transaction, and moves the cursor: what the subscriber wrote and
 * its progress commit together.
 *
 * Order per aggregate: an event whose aggregate has a queue for this subscriber (an event
 * that failed, is parked, or is held), or whose previous event in its aggregate the cursor
 * has not reached yet (its transaction got its id earlier and committed later), is HELD
 * instead; the queue is worked head first (`release`). A failed event is retried with
 * exponential backoff and parked after maxAttempts; an operator replays or skips it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;
  private quiet = 0;
  private ensured?: Promise<void>;
  /** Each subscriber's event types as the pass query reads them (the registry is complete once the app runs). */
  private typesByName?: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: SubscriberRegistry,
    private readonly uow: UnitOfWork,
    @Inject(RELAY_OPTIONS) private readonly options: RelayOptions,
  ) {}

  private get batchSize(): number {
    return this.options.batchSize ?? 500;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureSubscribers();
    if (this.options.intervalMs <= 0) return;
    this.uow.onEventsCommitted(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    const prune = () => void this.prune().catch((e) => this.logger.error(`pruning failed: ${(e as Error).message}`));
    this.pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    setTimeout(() => this.stopped || prune(), PRUNE_AFTER_START_MS).unref();
    this.kick();
  }

  /** Before the database closes: stop polling and let a running pass finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.running?.catch(() => undefined);
  }

  /** Starts relaying in the background unless it runs (then it runs once more after). */
  kick(): void {
    if (this.stopped || this.options.intervalMs <= 0 || this.quiet > 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relayUntilIdle()
      .catch((error) => this.logger.error(`relay failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async relayUntilIdle(): Promise<void> {
    while (!this.stopped && (await this.pass()).progressed);
  }

  /**
   * Hands every due event to every subscriber of this process and returns how many were
   * attempted; it returns only when nothing is due: where an event is committed but not
   * readable yet (an older transaction still runs) or another process is busy with a
   * subscriber, it waits (up to `timeoutMs`). `asOf` lets tests treat backed-off events as due;
   * `only` limits it to some subscribers (a read model's rebuild waits for its own, not for all).
   */
  async drain(asOf?: Date, timeoutMs = 30_000, only?: readonly string[]): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let attempted = 0;
    for (;;) {
      const pass = await this.pass(asOf, only);
      attempted += pass.attempted;
      if (pass.progressed) continue;
      const outstanding = await this.outstanding(asOf, only);
      if (outstanding.length === 0) return attempted;
      if (Date.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms: ${outstanding.join(', ')} still behind`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /**
   * Runs `work` (a loader committing many events one after another) without relaying in the
   * background meanwhile, and relays once it ends: each subscriber takes the events in a few
   * batches instead of one transaction per commit. `settle()` inside `work` still relays.
   */
  async quietWhile<T>(work: () => Promise<T>): Promise<T> {
    this.quiet++;
    try {
      return await work();
    } finally {
      this.quiet--;
      this.kick();
    }
  }

  /** Waits until no event is due for any subscriber of this process (loaders and tests). */
  async settle(timeoutMs = 30_000): Promise<void> {
    await this.drain(new Date(), timeoutMs);
  }

  /**
   * One transaction per subscriber of this process, without waiting for anything: returns
   * what was attempted and whether anything moved. For tests that look between passes.
   */
  async pass(asOf?: Date, only?: readonly string[]): Promise<StepResult> {
    await this.ensureSubscribers();
    // One query says which subscribers have anything to do: an event of their types past
    // their cursor, or a retry due. Rows of other types alone do not make a step (each commit
    // would cost one transaction per subscriber) until MOVE_ON_AFTER of them lie ahead: then
    // the cursor moves on, so this query reads at most that many rows per subscriber.
    // (The rows after a cursor are read with ORDER BY … LIMIT, not EXISTS: the planner does not
    // know where the cursor is and would scan the whole log for an EXISTS.)
    this.typesByName ??= JSON.stringify(Object.fromEntries(this.registry.all().map((sub) => [sub.name, sub.eventTypes])));
    const names: Array<{ name: string }> = await this.dataSource.query(
      `SELECT s.name FROM messaging.subscriber s
        CROSS JOIN LATERAL (
          SELECT count(*) AS ahead, coalesce(bool_or(($3::jsonb -> s.name) ? a.type AND a.position >= s.from_position), false) AS due
            FROM (SELECT o.type, o.position FROM messaging.outbox o
                   WHERE (o.txid, o.position) > (s.cursor_txid, s.cursor_position)
                     AND o.txid < pg_snapshot_xmin(pg_current_snapshot())
                   ORDER BY o.txid, o.position LIMIT $4) a) a
        WHERE s.name = ANY($1::text[])
          AND (a.due OR a.ahead >= $4
               OR EXISTS (SELECT 1 FROM messaging.delivery d
                           WHERE d.subscriber = s.name AND d.status = 'RETRY' AND d.next_attempt_at <= COALESCE($2::timestamptz, now())))`,
      [
        only ? this.registry.names().filter((n) => only.includes(n)) : this.registry.names(),
        asOf ?? null,
        this.typesByName,
        Math.min(this.batchSize, MOVE_ON_AFTER),
      ],
    );
    const queue = names.map(({ name }) => this.registry.get(name)!);
    const results: StepResult[] = [];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.push(await this.step(next, asOf));
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, queue.length) }, worker));
    return {
      attempted: results.reduce((n, r) => n + r.attempted, 0),
      progressed: results.some((r) => r.progressed),
    };
  }

  /** The subscribers of this process that still have something due (none when drained). */
  private async outstanding(asOf?: Date, only?: readonly string[]): Promise<string[]> {
    const behind: string[] = [];
    for (const subscriber of this.registry.all()) {
      if (only && !only.includes(subscriber.name)) continue;
      const [row]: Array<{ due: boolean }> = await this.dataSource.query(
        `SELECT (SELECT o.position FROM messaging.outbox o
                  WHERE (o.txid, o.position) > (s.cursor_txid, s.cursor_position)
                    AND o.type = ANY($2::text[]) AND o.position >= s.from_position
                  ORDER BY o.txid, o.position LIMIT 1) IS NOT NULL
             OR EXISTS (SELECT 1 FROM messaging.delivery d
                         WHERE d.subscriber = $1 AND d.status = 'RETRY' AND d.next_attempt_at <= COALESCE($3::timestamptz, now())) AS due
           FROM messaging.subscriber s WHERE s.name = $1`,
        [subscriber.name, subscriber.eventTypes, asOf ?? null],
      );
      if (row?.due) behind.push(subscriber.name);
    }
    return behind;
  }

  /** Gives each subscriber of this process its row (and cursor) the first time it runs; notes that it runs. */
  private ensureSubscribers(): Promise<void> {
    this.ensured ??= (async () => {
      for (const subscriber of this.registry.all()) {
        const start = subscriber.startFrom ?? 'beginning';
        const from = start === 'beginning' ? 0 : start === 'latest' ? null : start;
        await this.dataSource.query(
          `INSERT INTO messaging.subscriber (name, event_types, cursor_txid, from_position)
           VALUES ($1, $2::text[],
                   CASE WHEN $3::bigint IS NULL THEN pg_snapshot_xmin(pg_current_snapshot()) ELSE messaging.cursor_for($3::bigint) END,
                   COALESCE($3::bigint, 0))
           ON CONFLICT (name) DO UPDATE SET event_types = EXCLUDED.event_types, seen_at = now()`,
          [subscriber.name, subscriber.eventTypes, from],
        );
      }
    })().catch((error) => {
      this.ensured = undefined;
      throw error;
    });
    return this.ensured;
  }

  /**
   * One subscriber, one transaction. A subscriber's failure rolls the transaction back; it
   * runs again with that failure recorded in place of the event (and the batch cut after
   * it), so what the other events wrote commits without savepoints.
   */
  private async step(subscriber: EventSubscriber, asOf?: Date): Promise<StepResult> {
    const failures = new Map<string, string>();
    let limit = this.batchSize;
    let transient = 0;
    for (;;) {
      try {
        return await this.dataSource.transaction((manager) => this.stepIn(manager, subscriber, asOf, failures, limit));
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        if (error.transient && transient < 3) {
          transient++;
          continue;
        }
        failures.set(error.eventId, error.message); // failureText, made once by HandlerFailure
        if (error.batchIndex !== null) limit = error.batchIndex + 1;
      }
    }
  }

  private async stepIn(
    m: EntityManager,
    subscriber: EventSubscriber,
    asOf: Date | undefined,
    failures: ReadonlyMap<string, string>,
    limit: number,
  ): Promise<StepResult> {
    // The lock takes no transaction id: the batch below is read before this transaction has one.
    const [{ locked }]: Array<{ locked: boolean }> = await m.query(
      `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked`,
      [LOCK_SPACE, subscriber.name],
    );
    if (!locked) return { attempted: 0, progressed: false };
    const [cursor]: Cursor[] = await m.query(
      `SELECT cursor_txid::text AS txid, cursor_position::text AS position, from_position::text AS "from"
         FROM messaging.subscriber WHERE name = $1`,
      [subscriber.name],
    );
    if (!cursor) return { attempted: 0, progressed: false };
    const rows: LogRow[] = await m.query(
      `SELECT o.position::text AS position, o.txid::text AS txid, o.id, o.type, o.aggregate_type, o.aggregate_id,
              o.payload_version, o.occurred_at, w.payload, w.matches, w.queued, w.behind
         FROM (SELECT position, txid, id, type, aggregate_type, aggregate_id, payload_version, occurred_at, payload
                 FROM messaging.outbox
                WHERE (txid, position) > ($1::xid8, $2::bigint)
                  -- Only rows of transactions older than every running one: none of those can still commit.
                  AND txid < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY txid, position
                LIMIT $3) o
         LEFT JOIN LATERAL (
           SELECT o.payload, true AS matches,
                  EXISTS (SELECT 1 FROM messaging.delivery d
                           WHERE d.subscriber = $5 AND d.aggregate_type = o.aggregate_type AND d.aggregate_id = o.aggregate_id
                             AND d.status IN ('RETRY', 'HELD', 'PARKED')) AS queued,
                  (SELECT p.position::text
                     FROM (SELECT p.txid, p.position FROM messaging.outbox p
                            WHERE p.aggregate_type = o.aggregate_type AND p.aggregate_id = o.aggregate_id
                              AND p.position < o.position AND p.type = ANY($4::text[])
                            ORDER BY p.position DESC LIMIT 1) p
                    WHERE (p.txid, p.position) > ($1::xid8, $2::bigint) AND p.position >= $6::bigint) AS behind
            WHERE o.type = ANY($4::text[]) AND o.position >= $6::bigint
         ) w ON true
        ORDER BY o.txid, o.position`,
      [cursor.txid, cursor.position, limit, subscriber.eventTypes, subscriber.name, cursor.from],
    );

    let attempted = 0;
    let last: LogRow | undefined;
    const blocked = new Set<string>();
    const passed = new Set<string>();
    const touched = new Map<string, [string, string]>();
    // An event whose previous event of its aggregate comes later in this batch (that one's
    // transaction took its id earlier and committed later, as in a burst on one aggregate)
    // waits here for it, not in the delivery table: it is handled right after it.
    const inBatch = new Set(rows.filter((r) => r.matches).map((r) => r.position));
    const waitingFor = new Map<string, LogRow>();
    const hold = async (row: LogRow, key: string) => {
      await m.query(
        `INSERT INTO messaging.delivery (event_id, subscriber, position, aggregate_type, aggregate_id, status)
         VALUES ($1, $2, $3, $4, $5, 'HELD') ON CONFLICT DO NOTHING`,
        [row.id, subscriber.name, row.position, row.aggregate_type, row.aggregate_id],
      );
      blocked.add(key);
      touched.set(key, [row.aggregate_type, row.aggregate_id]);
    };
    const take = async (row: LogRow, index: number): Promise<void> => {
      const key = keyOf(row.aggregate_type, row.aggregate_id);
      const waits = blocked.has(key) || row.queued || (row.behind !== null && !passed.has(row.behind));
      passed.add(row.position);
      if (waits) {
        await hold(row, key);
      } else {
        attempted++;
        const failure = failures.get(row.id);
        if (failure !== undefined) {
          await this.recordFailure(m, subscriber.name, row, 0, failure, asOf);
          blocked.add(key);
        } else {
          // A failure cuts the batch after `index`: the row that let this one go is in the rerun.
          await this.handOver(m, subscriber, row, index);
        }
      }
      const next = waitingFor.get(row.position);
      if (next) {
        waitingFor.delete(row.position);
        await take(next, index);
      }
    };
    const handing = Date.now();
    let took = false;
    for (const [index, row] of rows.entries()) {
      if (row.matches && took && Date.now() - handing >= (this.options.stepBudgetMs ?? STEP_BUDGET_MS)) break;
      last = row;
      if (!row.matches) continue;
      took = true;
      const key = keyOf(row.aggregate_type, row.aggregate_id);
      if (row.behind !== null && !passed.has(row.behind) && inBatch.has(row.behind) && !row.queued && !blocked.has(key)) {
        waitingFor.set(row.behind, row);
        continue;
      }
      await take(row, index);
    }
    // Those whose previous event is past where this step stopped wait in the delivery table.
    for (const row of waitingFor.values()) {
      passed.add(row.position);
      await hold(row, keyOf(row.aggregate_type, row.aggregate_id));
    }

    if (last) {
      await m.query(`UPDATE messaging.subscriber SET cursor_txid = $2::xid8, cursor_position = $3 WHERE name = $1`, [
        subscriber.name, last.txid, last.position,
      ]);
    }

    // Queues whose head may move now (the event it waited for was passed), then due retries.
    for (const [aggregateType, aggregateId] of touched.values()) {
      attempted += await this.release(m, subscriber, aggregateType, aggregateId, asOf, failures);
    }
    const due: Array<{ aggregate_type: string; aggregate_id: string }> = await m.query(
      `SELECT aggregate_type, aggregate_id FROM messaging.delivery
        WHERE subscriber = $1 AND status = 'RETRY' AND next_attempt_at <= COALESCE($2::timestamptz, now())
        ORDER BY next_attempt_at LIMIT $3`,
      [subscriber.name, asOf ?? null, DUE_PER_STEP],
    );
    for (const { aggregate_type, aggregate_id } of due) {
      attempted += await this.release(m, subscriber, aggregate_type, aggregate_id, asOf, failures);
    }
    return { attempted, progressed: last !== undefined || attempted > 0 };
  }

  /**
   * Works one subscriber's queue for one aggregate, head first: hands over the head while it
   * is due (a retry whose time has come, or a held event whose predecessor was passed) and
   * succeeds; stops at a parked head, a retry not yet due, or a new failure.
   */
  private async release(
    m: EntityManager,
    subscriber: EventSubscriber,
    aggregateType: string,
    aggregateId: string,
    asOf: Date | undefined,
    failures: ReadonlyMap<string, string>,
  ): Promise<number> {
    let attempted = 0;
    for (;;) {
      const [head]: QueueHead[] = await m.query(
        `SELECT d.event_id AS id, d.status, d.attempts, d.position::text AS position,
                d.status = 'RETRY' AND d.next_attempt_at > COALESCE($4::timestamptz, now()) AS waiting,
                EXISTS (SELECT 1
                          FROM (SELECT p.txid, p.position FROM messaging.outbox p
                                 WHERE p.aggregate_type = d.aggregate_type AND p.aggregate_id = d.aggregate_id
                                   AND p.position < d.position AND p.type = ANY($5::text[])
                                 ORDER BY p.position DESC LIMIT 1) p
                          JOIN messaging.subscriber s ON s.name = d.subscriber
                         WHERE (p.txid, p.position) > (s.cursor_txid, s.cursor_position) AND p.position >= s.from_position) AS behind,
                o.type, o.aggregate_type, o.aggregate_id, o.payload_version, o.payload, o.occurred_at
           FROM messaging.delivery d JOIN messaging.outbox o ON o.id = d.event_id
          WHERE d.subscriber = $1 AND d.aggregate_type = $2 AND d.aggregate_id = $3 AND d.status IN ('RETRY', 'HELD', 'PARKED')
          ORDER BY d.position LIMIT 1`,
        [subscriber.name, aggregateType, aggregateId, asOf ?? null, subscriber.eventTypes],
      );
      if (!head || head.status === 'PARKED' || head.waiting || head.behind) return attempted;
      attempted++;
      const failure = failures.get(head.id);
      if (failure !== undefined) {
        await this.recordFailure(m, subscriber.name, head, head.attempts, failure, asOf);
        return attempted;
      }
      await this.handOver(m, subscriber, head, null);
      await m.query(
        `UPDATE messaging.delivery SET status = 'DONE', attempts = attempts + 1, delivered_at = now(), last_error = NULL
          WHERE event_id = $1 AND subscriber = $2`,
        [head.id, subscriber.name],
      );
    }
  }

  /**
   * Runs the subscriber in the relay's transaction; its failure aborts the transaction (see
   * `step`). With the audit on, the handling is counted in the same transaction.
   */
  private async handOver(
    m: EntityManager,
    subscriber: EventSubscriber,
    row: Pick<LogRow, 'id' | 'position' | 'type' | 'aggregate_type' | 'aggregate_id' | 'payload_version' | 'payload' | 'occurred_at'>,
    batchIndex: number | null,
  ): Promise<void> {
    const event = eventFromRow(row);
    try {
      await this.uow.within(m, () => subscriber.handle(event));
    } catch (error) {
      throw new HandlerFailure(row.id, error, batchIndex);
    }
    if (this.options.audit) await recordHandling(m, subscriber.name, row);
  }

  /** The event failed its attempt number `previousAttempts + 1`: retry it later, or park it. */
  private async recordFailure(
    m: EntityManager,
    subscriber: string,
    row: Pick<LogRow, 'id' | 'type' | 'position' | 'aggregate_type' | 'aggregate_id'>,
    previousAttempts: number,
    message: string,
    asOf: Date | undefined,
  ): Promise<void> {
    const attempts = previousAttempts + 1;
    const park = attempts >= this.options.maxAttempts;
    const delay = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
    await m.query(
      `INSERT INTO messaging.delivery (event_id, subscriber, position, aggregate_type, aggregate_id, status, attempts, last_error, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9::timestamptz, now()) + make_interval(secs => $10::double precision / 1000))
       ON CONFLICT (event_id, subscriber) DO UPDATE
         SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
             next_attempt_at = EXCLUDED.next_attempt_at`,
      [row.id, subscriber, row.position, row.aggregate_type, row.aggregate_id, park ? 'PARKED' : 'RETRY', attempts,
        message.slice(0, 2000), asOf ?? null, delay],
    );
    this.logger.warn(`${subscriber} failed on ${row.type} ${row.id} (attempt ${attempts}${park ? ', parked' : ''}): ${message}`);
  }

  /** Deliveries that kept failing, oldest first, with how many later events of their aggregate wait behind each. */
  async parked(): Promise<ParkedDelivery[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.event_id, o.type, d.subscriber, d.aggregate_type, d.aggregate_id, d.position::float8 AS position,
              d.attempts, d.last_error, o.occurred_at,
              (SELECT count(*)::int FROM messaging.delivery h
                WHERE h.subscriber = d.subscriber AND h.aggregate_type = d.aggregate_type AND h.aggregate_id = d.aggregate_id
                  AND h.status = 'HELD') AS held
         FROM messaging.delivery d JOIN messaging.outbox o ON o.id = d.event_id
        WHERE d.status = 'PARKED' ORDER BY d.position, d.subscriber`,
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      eventType: r.type as string,
      subscriber: r.subscriber as string,
      aggregateType: r.aggregate_type as string,
      aggregateId: r.aggregate_id as string,
      position: r.position as number,
      attempts: r.attempts as number,
      lastError: (r.last_error as string | null) ?? null,
      occurredAt: new Date(r.occurred_at as string),
      held: r.held as number,
    }));
  }

  /** Puts a parked delivery back in line with fresh attempts; false if none was parked. */
  async replay(eventId: string, subscriber: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE messaging.delivery SET status = 'RETRY', attempts = 0, next_attempt_at = now()
        WHERE event_id = $1 AND subscriber = $2 AND status = 'PARKED'`,
      [eventId, subscriber],
    )) as [unknown, number];
    if (affected > 0) this.kick();
    return affected > 0;
  }

  /**
   * Gives up on a parked delivery (kept as SKIPPED for the retention period); the next event
   * held behind it becomes due, and the rest follow in order. False if none was parked.
   */
  async skipParked(eventId: string, subscriber: string): Promise<boolean> {
    const [{ skipped }]: Array<{ skipped: number }> = await this.dataSource.query(
      `WITH skipped AS (
         UPDATE messaging.delivery SET status = 'SKIPPED', delivered_at = now()
          WHERE event_id = $1 AND subscriber = $2 AND status = 'PARKED'
          RETURNING subscriber, aggregate_type, aggregate_id),
       next AS (
         SELECT h.event_id, h.subscriber FROM messaging.delivery h JOIN skipped s USING (subscriber, aggregate_type, aggregate_id)
          WHERE h.status = 'HELD' ORDER BY h.position LIMIT 1),
       promoted AS (
         UPDATE messaging.delivery h SET status = 'RETRY', attempts = 0, next_attempt_at = now()
           FROM next WHERE h.event_id = next.event_id AND h.subscriber = next.subscriber RETURNING 1)
       SELECT (SELECT count(*)::int FROM skipped) AS skipped, (SELECT count(*) FROM promoted) AS promoted`,
      [eventId, subscriber],
    );
    if (skipped > 0) this.kick();
    return skipped > 0;
  }

  /** Every subscriber the log has seen: where it is, how far behind, what waits. */
  async progress(): Promise<SubscriberProgress[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT s.name, s.cursor_txid::text AS txid, s.cursor_position::text AS cursor, s.event_types,
              s.cursor_position::float8 AS position, s.from_position::float8 AS from_position, s.seen_at, s.reset_at,
              q.retrying, q.held, q.parked
         FROM messaging.subscriber s
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE d.status = 'RETRY')::int AS retrying,
                  count(*) FILTER (WHERE d.status = 'HELD')::int AS held,
                  count(*) FILTER (WHERE d.status = 'PARKED')::int AS parked
             FROM messaging.delivery d WHERE d.subscriber = s.name AND d.status IN ('RETRY', 'HELD', 'PARKED')) q
        ORDER BY s.name`,
    );
    const progress: SubscriberProgress[] = [];
    for (const r of rows) {
      // One query per subscriber, its cursor as parameters: planned knowing where the cursor is.
      const [{ lag }]: Array<{ lag: number }> = await this.dataSource.query(
        `SELECT count(*)::float8 AS lag FROM messaging.outbox
          WHERE (txid, position) > ($1::xid8, $2::bigint) AND type = ANY($3::text[]) AND position >= $4::bigint`,
        [r.txid, r.cursor, r.event_types, r.from_position],
      );
      progress.push({
        name: r.name as string,
        position: r.position as number,
        fromPosition: r.from_position as number,
        lag,
        retrying: r.retrying as number,
        held: r.held as number,
        parked: r.parked as number,
        active: this.registry.get(r.name as string) !== undefined,
        seenAt: new Date(r.seen_at as string),
        resetAt: r.reset_at ? new Date(r.reset_at as string) : null,
      });
    }
    return progress;
  }

  /**
   * Sends a subscriber of this process the log again from `fromPosition` (0: the
   * beginning), to rebuild what it built: in one transaction, under its lock (a running
   * batch of it finishes first), its cursor moves back, its queue, its inbox rows and its
   * audit rows from that position go, and its `reset()` clears its read model.
   */
  async reset(name: string, fromPosition: number): Promise<void> {
    const subscriber = this.registry.get(name);
    if (!subscriber) throw new NotFoundError('Subscriber', name);
    await this.ensureSubscribers();
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_SPACE, name]);
      await m.query(
        `UPDATE messaging.subscriber
            SET cursor_txid = messaging.cursor_for($2::bigint), cursor_position = 0, from_position = $2::bigint, reset_at = now()
          WHERE name = $1`,
        [name, fromPosition],
      );
      await m.query(`DELETE FROM messaging.delivery WHERE subscriber = $1`, [name]);
      // The audit's count starts again where the log is sent again (a rebuild is no double handling).
      await m.query(`DELETE FROM messaging.audit WHERE subscriber = $1 AND position >= $2`, [name, fromPosition]);
      await m.query(
        `DELETE FROM messaging.inbox i USING messaging.outbox o WHERE i.subscriber = $1 AND o.id = i.event_id AND o.position >= $2`,
        [name, fromPosition],
      );
      if (subscriber.reset) await this.uow.within(m, () => subscriber.reset!());
    });
    this.kick();
  }

  /**
   * Deletes the bookkeeping of handled events older than the retention period (as of
   * `asOf`): DONE and SKIPPED deliveries and inbox rows, in chunks. The log is kept.
   */
  async prune(asOf: Date = new Date()): Promise<{ deliveries: number; inbox: number }> {
    const before = new Date(asOf.getTime() - this.options.retentionDays * 86_400_000);
    const chunks = async (sql: string) => {
      let total = 0;
      for (;;) {
        const [, deleted] = (await this.dataSource.query(sql, [before, PRUNE_CHUNK])) as [unknown, number];
        total += deleted;
        if (deleted < PRUNE_CHUNK) return total;
      }
    };
    return {
      deliveries: await chunks(
        `DELETE FROM messaging.delivery WHERE ctid IN (
           SELECT ctid FROM messaging.delivery WHERE status IN ('DONE', 'SKIPPED') AND delivered_at < $1 LIMIT $2)`,
      ),
      inbox: await chunks(
        `DELETE FROM messaging.inbox WHERE ctid IN (SELECT ctid FROM messaging.inbox WHERE handled_at < $1 LIMIT $2)`,
      ),
    };
  }
}
