/**
 * Benchmark: the relay feeding subscribers from the event log, as the log grows.
 *
 *   npm run bench:relay
 *
 * Runs on a throw-away embedded PostgreSQL (or, with DATABASE_URL, in a new database
 * `minato_bench_<random>` on that server, dropped afterwards), in the real app (every
 * module's subscribers are there too and walk the log like the bench's). The log's rows
 * are generated with SQL (not through commands): `bench.tick` events on 1,000 aggregates,
 * 10,000 to a transaction. Three subscribers each keep a count per aggregate (an upsert per
 * event, in the relay's transaction).
 *
 * 1. Throughput at 10,000 logged events: the history is handled; then 10,000 new events are
 *    appended and the relay's drain is timed: events/s (each delivered to 3 subscribers);
 *    then again with subscribers that do nothing, which times the relay alone.
 * 2. Catch-up: the log grows to 100,000 events; a brand-new subscriber (a second app with one
 *    more subscriber, as a new release) reads it all from the beginning: the drain is timed.
 * 3. Throughput at 1,000,000 logged events: the log grows to 1,000,000; the history counts
 *    as handled (cursors at the end) and leaves bookkeeping behind (200,000 finished
 *    delivery rows within the retention period; 50 aggregates of one subscriber with a
 *    parked event and 20 held behind it); 10,000 new events are appended and timed as in 1.
 * Setup (generating rows, moving cursors) is not timed.
 *
 * The throughput measurements run BENCH_ROUNDS times (each appends its own fresh events)
 * and print the median: on a shared machine single runs vary by a third.
 *
 * Knobs: BENCH_LOG (1000000), BENCH_CATCH_UP (100000), BENCH_FRESH (10000), BENCH_ROUNDS (3),
 * BENCH_BOOKKEEPING (1; 0 leaves out step 3's delivery rows and parked aggregates).
 */
import 'reflect-metadata';
import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '#libs/config/config.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { createLogger } from '#libs/logging/logger.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { SubscriberRegistry, type EventSubscriber } from '#libs/messaging/subscriber-registry.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { createApp } from '../src/app.factory.js';
import { benchDatabase, median } from './support.js';

const LOG = Number(process.env.BENCH_LOG ?? 1_000_000);
const CATCH_UP = Number(process.env.BENCH_CATCH_UP ?? 100_000);
const FRESH = Number(process.env.BENCH_FRESH ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BOOKKEEPING = process.env.BENCH_BOOKKEEPING !== '0';
const FIRST = 10_000;
const AGGREGATES = 1000;
const PER_TRANSACTION = 10_000;
const TYPE = 'bench.tick';
const SUBSCRIBERS = ['bench.count-a', 'bench.count-b', 'bench.count-c'];
const NEWCOMER = 'bench.newcomer';

/** Off: the subscribers do nothing, so a drain times the relay alone (reading the log, cursors, queues). */
let counting = true;

/** Counts the events it handled per aggregate (a read model written in the relay's transaction). */
class Counter implements EventSubscriber, OnModuleInit {
  readonly eventTypes = [TYPE];

  constructor(
    readonly name: string,
    private readonly registry: SubscriberRegistry,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!counting) return;
    await this.uow.manager.query(
      `INSERT INTO bench.counts (subscriber, aggregate_id, n, last_seq) VALUES ($1, $2, 1, $3)
       ON CONFLICT (subscriber, aggregate_id) DO UPDATE SET n = bench.counts.n + 1, last_seq = EXCLUDED.last_seq`,
      [this.name, event.aggregateId, (event.payload as { seq: number }).seq],
    );
  }

  async reset(): Promise<void> {
    await this.uow.manager.query(`DELETE FROM bench.counts WHERE subscriber = $1`, [this.name]);
  }
}

@Module({})
class CountersModule {
  static with(names: string[]): DynamicModule {
    return {
      module: CountersModule,
      providers: names.map((name) => ({
        provide: `counter:${name}`,
        useFactory: (registry: SubscriberRegistry, uow: UnitOfWork) => new Counter(name, registry, uow),
        inject: [SubscriberRegistry, UnitOfWork],
      })),
    };
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const database = await benchDatabase();
  const db = new pg.Client({ connectionString: database.url });
  const config = {
    ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }),
    demo: false,
    relayIntervalMs: 0,
  };
  const start = (names: string[]) =>
    createApp({ config, databaseUrl: database.url, logger: createLogger('warn'), extraModules: [CountersModule.with(names)] });
  let app = await start(SUBSCRIBERS);
  try {
    await db.connect();
    await db.query(`CREATE SCHEMA bench;
      CREATE TABLE bench.counts (subscriber text, aggregate_id text, n int NOT NULL, last_seq int NOT NULL, PRIMARY KEY (subscriber, aggregate_id))`);
    let logged = 0;
    /** Appends `n` events with SQL, PER_TRANSACTION to a transaction (each its own txid). */
    const append = async (n: number) => {
      for (let done = 0; done < n; done += PER_TRANSACTION) {
        const from = logged + done + 1;
        const to = logged + Math.min(n, done + PER_TRANSACTION);
        await db.query(
          `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
           SELECT gen_random_uuid(), $1, 'bench', 'BenchThing', 'agg-' || (g % ${AGGREGATES}), 1, jsonb_build_object('seq', g), now()
             FROM generate_series($2::int, $3::int) g`,
          [TYPE, from, to],
        );
      }
      logged += n;
      // Setup's own cost (vacuum, the checkpoint after writing many rows) stays out of the timings.
      await db.query(`VACUUM ANALYZE messaging.outbox`);
      await db.query(`CHECKPOINT`);
    };
    /** The history counts as handled by everyone: every cursor at the end of the log. */
    const everyoneAtTheEnd = () =>
      db.query(`UPDATE messaging.subscriber s SET cursor_txid = e.txid, cursor_position = e.position
                  FROM (SELECT txid, position FROM messaging.outbox ORDER BY txid DESC, position DESC LIMIT 1) e`);
    const timedDrain = async () => {
      const t0 = performance.now();
      await app.get(OutboxRelay).drain(undefined, 3600_000);
      return (performance.now() - t0) / 1000;
    };
    /** Median over ROUNDS of: append FRESH events, time the drain. The log grows by FRESH each round. */
    const rate = async () => {
      const rates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await append(FRESH);
        rates.push(FRESH / (await timedDrain()));
      }
      return { median: median(rates), all: rates.map(fmt).join(', ') };
    };
    const throughput = async (label: string) => {
      const counted = await rate();
      counting = false;
      const alone = await rate();
      counting = true;
      const [{ behind }] = (
        await db.query(
          `SELECT count(*)::int AS behind FROM messaging.subscriber s
            WHERE s.name = ANY($1) AND (SELECT o.position FROM messaging.outbox o WHERE (o.txid, o.position) > (s.cursor_txid, s.cursor_position)
                                         ORDER BY o.txid, o.position LIMIT 1) IS NOT NULL`,
          [SUBSCRIBERS],
        )
      ).rows;
      console.log(
        `${label}: ${fmt(FRESH)} new events to ${SUBSCRIBERS.length} subscribers at ${fmt(counted.median)} events/s ` +
          `(${fmt(counted.median * SUBSCRIBERS.length)} deliveries/s; median of ${ROUNDS}: ${counted.all}); subscribers left behind: ${behind}\n` +
          `  the relay alone (subscribers that do nothing): ${fmt(alone.median)} events/s (${fmt(alone.median * SUBSCRIBERS.length)} deliveries/s; ${alone.all})`,
      );
    };

    console.log(`relay benchmark on ${database.where}; the log's rows are generated with SQL\n`);
    // 1. About 10,000 logged events.
    await append(Math.max(0, FIRST - FRESH));
    await everyoneAtTheEnd();
    await throughput(`log of ${fmt(logged + FRESH)}–${fmt(logged + 2 * ROUNDS * FRESH)} events`);

    // 2. A brand-new subscriber over the whole log.
    await append(Math.max(0, CATCH_UP - logged));
    await everyoneAtTheEnd();
    await app.close();
    app = await start([...SUBSCRIBERS, NEWCOMER]);
    const seconds = await timedDrain();
    const [{ handled }] = (await db.query(`SELECT coalesce(sum(n), 0)::int AS handled FROM bench.counts WHERE subscriber = $1`, [NEWCOMER])).rows;
    console.log(
      `catch-up: a brand-new subscriber handled ${fmt(handled)} of ${fmt(logged)} logged events in ${seconds.toFixed(2)} s = ${fmt(handled / seconds)} events/s`,
    );

    // 3. 1,000,000 logged events, with bookkeeping left behind.
    process.stdout.write(`growing the log to ${fmt(LOG - FRESH)} events…\n`);
    await append(Math.max(0, LOG - FRESH - logged));
    await everyoneAtTheEnd();
    if (BOOKKEEPING) await db.query(
      `INSERT INTO messaging.delivery (event_id, subscriber, position, aggregate_type, aggregate_id, status, attempts, delivered_at)
       SELECT id, $1, position, aggregate_type, aggregate_id, 'DONE', 2, now() - interval '1 day'
         FROM messaging.outbox ORDER BY position LIMIT 200000`,
      [SUBSCRIBERS[1]],
    );
    if (BOOKKEEPING) await db.query(
      `WITH last AS (SELECT aggregate_id, id, position, row_number() OVER (PARTITION BY aggregate_id ORDER BY position DESC) AS k
                       FROM messaging.outbox WHERE aggregate_id IN (SELECT 'agg-' || g FROM generate_series(0, 49) g) AND position < $2)
       INSERT INTO messaging.delivery (event_id, subscriber, position, aggregate_type, aggregate_id, status, attempts, last_error)
       SELECT id, $1, position, 'BenchThing', aggregate_id, CASE WHEN k = 21 THEN 'PARKED' ELSE 'HELD' END,
              CASE WHEN k = 21 THEN 8 ELSE 0 END, CASE WHEN k = 21 THEN 'bench' END
         FROM last WHERE k <= 21`,
      [SUBSCRIBERS[2], logged],
    );
    await db.query(`VACUUM ANALYZE messaging.delivery`);
    await throughput(`log of ${fmt(logged + FRESH)}–${fmt(logged + 2 * ROUNDS * FRESH)} events`);
    const [{ parked, held }] = (
      await db.query(`SELECT count(*) FILTER (WHERE status = 'PARKED')::int AS parked, count(*) FILTER (WHERE status = 'HELD')::int AS held
                        FROM messaging.delivery WHERE subscriber = $1`, [SUBSCRIBERS[2]])
    ).rows;
    console.log(`  (${SUBSCRIBERS[2]}: ${parked} parked aggregates hold ${held} events, the fresh ones of those aggregates included)`);
  } finally {
    await app.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
