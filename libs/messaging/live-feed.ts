import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { DomainEvent } from '../ddd/domain-event.js';
import { ConflictError } from '../ddd/errors.js';
import { eventFromRow } from './outbox-row.js';

/** The PostgreSQL channel the outbox trigger notifies (migration 1764810000000-messaging-live-notify). */
export const OUTBOX_NOTIFY_CHANNEL = 'messaging_outbox';

/** An event read from the log, with its position there. */
export interface LiveEvent<P = unknown> extends DomainEvent<P> {
  readonly position: number;
}

/**
 * One kind of live update, defined by the module that owns it (events' registration
 * changes, matching's messages): which log events may concern it, and for each such event
 * what to push to which local subscribers. Subscribers are grouped by a key (an account, a
 * match).
 */
export interface LiveChannel<K, V> {
  /** Stable and unique, e.g. `events.my-registration`. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /**
   * Called once per event of `eventTypes` in each process that has subscribers to the
   * channel, with the keys they subscribed to: the values to push, each to the subscribers
   * of its key. Loads what it needs once for all of them (one query, not one per socket).
   * A failure is logged and the event skipped for this channel.
   */
  route(event: LiveEvent, keys: ReadonlySet<K>): Promise<ReadonlyArray<readonly [K, V]>>;
}

/**
 * Which log positions one listener has handled. Positions are taken when a row is
 * inserted and become visible when its transaction commits, so they may commit out of
 * order: while listening, the positions below the highest handled one that were not
 * handled yet are holes, filled when their commit is notified. Resuming after a lost
 * connection reads everything above the highest position and the holes. A hole is given up
 * after `holeTtlMs` (a rolled-back transaction's position never fills), and at most
 * `maxHoles` are kept (the oldest go first).
 */
export class LogCursor {
  private highest: number;
  private readonly holes = new Map<number, number>();

  constructor(
    start: number,
    private readonly holeTtlMs = 5 * 60_000,
    private readonly maxHoles = 10_000,
  ) {
    this.highest = start;
  }

  /** The highest position handled. */
  get position(): number {
    return this.highest;
  }

  /** Positions below `position` not handled yet, oldest noticed first. */
  get pending(): number[] {
    return [...this.holes.keys()];
  }

  /** Whether `position` is yet to be handled. */
  isNew(position: number): boolean {
    return position > this.highest || this.holes.has(position);
  }

  /** Records `position` as handled; positions skipped on the way become holes. */
  handled(position: number, now = Date.now()): void {
    if (position <= this.highest) {
      this.holes.delete(position);
      return;
    }
    // A jump of more than maxHoles keeps only the nearest ones.
    for (let p = Math.max(this.highest + 1, position - this.maxHoles); p < position; p++) this.holes.set(p, now);
    this.highest = position;
    this.prune(now);
  }

  /** Gives up holes older than the TTL, and the oldest beyond `maxHoles`. */
  prune(now = Date.now()): void {
    for (const [p, noticed] of this.holes) {
      if (this.holes.size > this.maxHoles || now - noticed > this.holeTtlMs) this.holes.delete(p);
      else break; // insertion order is the order noticed
    }
  }
}

/**
 * One subscriber's updates, as an async iterator (what a GraphQL subscription resolver
 * returns). Values wait in a bounded buffer; a subscriber that lets `limit` of them pile up
 * is ended with CONFLICT (reason SUBSCRIPTION_OVERFLOW) rather than hold memory for ever.
 */
export class LiveSubscription<V> implements AsyncIterableIterator<V> {
  private readonly buffer: V[] = [];
  private waiting?: { resolve: (result: IteratorResult<V>) => void; reject: (error: unknown) => void };
  private failure?: unknown;
  private ended = false;

  constructor(
    private readonly limit: number,
    private readonly onEnd: () => void,
  ) {}

  /** Queues a value (or hands it to a waiting `next`). */
  push(value: V): void {
    if (this.ended || this.failure !== undefined) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else if (this.buffer.length >= this.limit) {
      this.fail(new ConflictError('SUBSCRIPTION_OVERFLOW', 'Updates piled up faster than they were read; subscribe again and re-read'));
    } else {
      this.buffer.push(value);
    }
  }

  /** Ends the subscription with an error, after the values already queued. */
  fail(error: unknown): void {
    if (this.ended || this.failure !== undefined) return;
    this.failure = error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      this.finish();
      reject(error);
    }
  }

  next(): Promise<IteratorResult<V>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.finish();
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** The client unsubscribed (or the socket closed). */
  return(): Promise<IteratorResult<V>> {
    this.finish();
    this.buffer.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<V>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  get closed(): boolean {
    return this.ended;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
  }
}

interface ChannelState {
  channel: LiveChannel<unknown, unknown>;
  types: ReadonlySet<string>;
  subscribers: Map<unknown, Set<LiveSubscription<unknown>>>;
}

interface Notified {
  position: number;
  type: string;
}

interface OutboxRow {
  position: string;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload_version: number;
  payload: unknown;
  occurred_at: Date;
}

const COLUMNS = 'position, id, type, aggregate_type, aggregate_id, payload_version, payload, occurred_at';
const BATCH = 500;
const BUFFER_LIMIT = 100;
const RECONNECT_FIRST_MS = 200;
const RECONNECT_MAX_MS = 5_000;
// How far back the start looks for positions still in flight (taken, not yet committed).
const START_WINDOW = 1_000;

const toEvent = (r: OutboxRow): LiveEvent => ({ ...eventFromRow(r), position: Number(r.position) });

/**
 * Live updates from the event log, in every process. The outbox trigger NOTIFYs each
 * appended row's position and type on commit; this feed LISTENs on one dedicated
 * connection, reads the rows its local subscribers may care about by position, and hands
 * them to the channels (LiveChannel), which decide what to push to whom. Whichever replica
 * wrote an event, every replica hears of it, so a client's socket may be on any of them.
 *
 * Guarantees: while the connection holds, every committed event is seen, once, in commit
 * order. When it is lost, the feed reconnects (200 ms, doubling to 5 s), LISTENs again and
 * then reads the log from the last position it handled, plus the positions that were still
 * in flight then (LogCursor), so events committed meanwhile are pushed late rather than
 * lost, in log order; subscriptions stay open across it. Not covered: a transaction that
 * held a position for longer than the cursor keeps holes (5 minutes), and events from
 * before a subscription started (clients read the current state after subscribing).
 * Events are handled one after another: a slow channel delays the others in this process.
 *
 * Cost: one notification per appended event, and PostgreSQL serializes the commits of
 * transactions that notify (a lock held briefly at commit). That, or the one listening
 * connection per process falling behind, is the limit to measure before a broker earns
 * its place.
 */
@Injectable()
export class LiveFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveFeed');
  private readonly channels = new Map<string, ChannelState>();
  private readonly waiters: Array<{ channel: string; key: unknown; count: number; resolve: () => void }> = [];
  private client?: pg.Client;
  private cursor?: LogCursor;
  private queue: Notified[] = [];
  private catchUpNeeded = false;
  private pumping?: Promise<void>;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Listens before the app serves anyone, so no subscriber can miss an event. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.pumping?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    for (const state of this.channels.values()) for (const set of state.subscribers.values()) for (const s of set) void s.return();
  }

  /** Subscribes to `channel`'s updates for `key`; `return()` on the result unsubscribes. */
  subscribe<K, V>(channel: LiveChannel<K, V>, key: K): LiveSubscription<V> {
    let state = this.channels.get(channel.name);
    if (!state) {
      state = { channel: channel as LiveChannel<unknown, unknown>, types: new Set(channel.eventTypes), subscribers: new Map() };
      this.channels.set(channel.name, state);
    } else if (state.channel !== channel) {
      throw new Error(`Two live channels are named ${channel.name}`);
    }
    const subscribers = state.subscribers;
    const subscription: LiveSubscription<V> = new LiveSubscription<V>(BUFFER_LIMIT, () => {
      const set = subscribers.get(key);
      set?.delete(subscription as LiveSubscription<unknown>);
      if (set?.size === 0) subscribers.delete(key);
    });
    let set = subscribers.get(key);
    if (!set) subscribers.set(key, (set = new Set()));
    set.add(subscription as LiveSubscription<unknown>);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter.channel === channel.name && waiter.key === key && set.size >= waiter.count) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
    return subscription;
  }

  /** Resolves once this process holds `count` subscribers to `channel` for `key` (tests wait on it). */
  whenSubscribed(channel: string, key: unknown, count = 1): Promise<void> {
    if ((this.channels.get(channel)?.subscribers.get(key)?.size ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ channel, key, count, resolve }));
  }

  /** How many subscriptions this process holds, per channel. */
  subscriberCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [name, state] of this.channels) {
      counts[name] = [...state.subscribers.values()].reduce((n, set) => n + set.size, 0);
    }
    return counts;
  }

  /** The listening connection's server process id (null while disconnected). */
  get backendPid(): number | null {
    return (this.client as { processID?: number } | undefined)?.processID ?? null;
  }

  /** The highest log position handled. */
  get position(): number | null {
    return this.cursor?.position ?? null;
  }

  // ---- the connection

  private connectionConfig(): pg.ClientConfig {
    // The pool's own settings (TypeORM's PostgreSQL options), for one more connection.
    const o = this.dataSource.options as {
      url?: string; host?: string; port?: number; username?: string; password?: unknown; database?: string; ssl?: unknown;
    };
    const common = { application_name: 'minato-live-feed', keepAlive: true, ssl: o.ssl as pg.ClientConfig['ssl'] };
    if (o.url) return { ...common, connectionString: o.url };
    return { ...common, host: o.host, port: o.port, user: o.username, password: o.password as string | undefined, database: o.database };
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.connectionConfig());
    client.on('notification', (message) => {
      if (message.channel !== OUTBOX_NOTIFY_CHANNEL || !message.payload) return;
      const space = message.payload.indexOf(' ');
      this.queue.push({ position: Number(message.payload.slice(0, space)), type: message.payload.slice(space + 1) });
      this.kick();
    });
    // Until it is adopted, a failure of this connection surfaces from connect() itself.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      if (this.cursor) this.catchUpNeeded = true;
      else this.cursor = await this.startingCursor(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    this.kick();
  }

  /** The newest position, with the recent positions not committed yet as holes. */
  private async startingCursor(client: pg.Client): Promise<LogCursor> {
    const { rows } = await client.query<{ position: string }>(
      `SELECT position FROM messaging.outbox
        WHERE position > (SELECT COALESCE(max(position), 0) FROM messaging.outbox) - $1 ORDER BY position`,
      [START_WINDOW],
    );
    if (rows.length === 0) return new LogCursor(0);
    const positions = rows.map((r) => Number(r.position));
    const cursor = new LogCursor(Math.max(0, positions[positions.length - 1] - START_WINDOW));
    for (const p of positions) cursor.handled(p);
    return cursor;
  }

  /** The adopted connection failed or ended: reconnect (a replaced or unadopted one is ignored). */
  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      `lost the listening connection${error ? ` (${error.message})` : ''}; reconnecting, then reading on from position ${this.cursor?.position}`,
    );
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().then(
        () => this.logger.log(`listening again; catching up from position ${this.cursor?.position}`),
        (error: Error) => {
          this.logger.warn(`could not reconnect: ${error.message}`);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  // ---- reading the log

  private kick(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = this.pump()
      .catch((error: Error) => {
        // The connection failed mid-read: its error handler reconnects, then catches up.
        this.logger.warn(`reading the log failed: ${error.message}`);
      })
      .finally(() => {
        this.pumping = undefined;
        if (this.client && (this.queue.length > 0 || this.catchUpNeeded)) this.kick();
      });
  }

  private async pump(): Promise<void> {
    while (!this.stopped && this.client && this.cursor) {
      const client = this.client;
      if (this.catchUpNeeded) {
        await this.catchUp(client, this.cursor);
        this.catchUpNeeded = false;
        continue;
      }
      if (this.queue.length === 0) return;
      const batch = this.queue.slice(0, BATCH);
      await this.handleNotified(client, this.cursor, batch);
      this.queue.splice(0, batch.length);
    }
  }

  /** The event types some local subscriber may care about. */
  private wantedTypes(): Set<string> {
    const types = new Set<string>();
    for (const state of this.channels.values()) if (state.subscribers.size > 0) for (const t of state.types) types.add(t);
    return types;
  }

  /** Notified positions, in commit order: reads the wanted ones, then dispatches them in that order. */
  private async handleNotified(client: pg.Client, cursor: LogCursor, batch: Notified[]): Promise<void> {
    const fresh = batch.filter((n) => cursor.isNew(n.position));
    const wanted = this.wantedTypes();
    const positions = fresh.filter((n) => wanted.has(n.type)).map((n) => n.position);
    const rows = positions.length === 0
      ? []
      : (await client.query<OutboxRow>(`SELECT ${COLUMNS} FROM messaging.outbox WHERE position = ANY($1::bigint[])`, [positions])).rows;
    const byPosition = new Map(rows.map((r) => [Number(r.position), r]));
    for (const n of fresh) {
      if (!cursor.isNew(n.position)) continue; // notified twice in one batch
      cursor.handled(n.position);
      const row = byPosition.get(n.position);
      if (row) await this.dispatch(toEvent(row));
    }
  }

  /** After a reconnect: everything above the cursor and in its holes, in log order. */
  private async catchUp(client: pg.Client, cursor: LogCursor): Promise<void> {
    cursor.prune();
    for (;;) {
      const { rows } = await client.query<OutboxRow>(
        `SELECT position, id, type, aggregate_type, aggregate_id, payload_version, occurred_at,
                CASE WHEN type = ANY($3::text[]) THEN payload END AS payload
           FROM messaging.outbox WHERE position > $1 OR position = ANY($2::bigint[])
          ORDER BY position LIMIT ${BATCH}`,
        [cursor.position, cursor.pending, [...this.wantedTypes()]],
      );
      for (const row of rows) {
        const position = Number(row.position);
        if (!cursor.isNew(position)) continue;
        cursor.handled(position);
        if (row.payload !== null) await this.dispatch(toEvent(row));
      }
      if (rows.length < BATCH) return;
    }
  }

  private async dispatch(event: LiveEvent): Promise<void> {
    for (const state of this.channels.values()) {
      if (state.subscribers.size === 0 || !state.types.has(event.type)) continue;
      let pushes: ReadonlyArray<readonly [unknown, unknown]>;
      try {
        pushes = await state.channel.route(event, new Set(state.subscribers.keys()));
      } catch (error) {
        this.logger.error(`${state.channel.name} failed on ${event.type} ${event.id}: ${(error as Error).message}`);
        continue;
      }
      for (const [key, value] of pushes) for (const subscription of state.subscribers.get(key) ?? []) subscription.push(value);
    }
  }
}
