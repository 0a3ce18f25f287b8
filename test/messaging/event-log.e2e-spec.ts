import pg from 'pg';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { SubscriberRegistry } from '#libs/messaging/subscriber-registry.js';
import { DataSource } from 'typeorm';
import { TestApp, codeOf } from '../harness/harness.js';
import { PROBE_SCHEMA, RecorderModule, Tick, recorderWatch } from '../harness/probe.module.js';

/** Appends Ticks, in this order, in one transaction: [aggregate, seq]. */
async function tick(t: TestApp, items: Array<[string, number]>): Promise<void> {
  const uow = t.app.get(UnitOfWork);
  await uow.run(() => uow.publish('probe', items.map(([aggregate, seq]) => Tick.create(aggregate, { seq }))));
}

/** Every aggregate's seqs in the order the recorder handled them. */
async function readModel(t: TestApp, subscriber: string): Promise<Record<string, number[]>> {
  const rows = await t.sql<{ aggregate_id: string; seqs: number[] }>(
    `SELECT aggregate_id, array_agg(seq ORDER BY n) AS seqs FROM probe.seen WHERE subscriber = $1 GROUP BY aggregate_id`,
    [subscriber],
  );
  return Object.fromEntries(rows.map((r) => [r.aggregate_id, r.seqs]));
}

/**
 * Waits (up to 30 s) until every transaction with an id up to `xid` (default: the newest row
 * logged) has ended, so the relay may read those rows: transactions of other suites on the
 * same server hold the horizon back, for longer on a busy machine.
 */
async function readableFrom(t: TestApp, xid?: string): Promise<void> {
  const upTo = xid ?? (await t.sql<{ last: string }>(`SELECT max(txid)::text AS last FROM messaging.outbox`))[0].last;
  for (let i = 0; i < 3000; i++) {
    const [{ past }] = await t.sql<{ past: boolean }>(`SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS past`, [upTo]);
    if (past) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** `aggregates` × `perAggregate` Ticks, interleaved across aggregates, `perTransaction` to a transaction. */
async function history(t: TestApp, prefix: string, aggregates: number, perAggregate: number, perTransaction = 50): Promise<void> {
  const items: Array<[string, number]> = [];
  for (let seq = 1; seq <= perAggregate; seq++) for (let a = 0; a < aggregates; a++) items.push([`${prefix}-${a}`, seq]);
  for (let i = 0; i < items.length; i += perTransaction) await tick(t, items.slice(i, i + perTransaction));
}

const SUBSCRIBERS = `{ subscribers { name position fromPosition lag retrying held parked active } }`;
const progressOf = async (t: TestApp, name: string) =>
  (await (await t.admin()).ok(SUBSCRIBERS)).subscribers.find((s: { name: string }) => s.name === name);

describe('a subscriber added after the events, and reset', () => {
  let first: TestApp;
  let second: TestApp;
  /** The app running last on the database (each test may replace it); closing it drops the database. */
  let last: TestApp;
  beforeAll(async () => {
    first = last = await TestApp.start({ extraModules: [RecorderModule.with(['probe.rec-old'])] });
    await first.sql(PROBE_SCHEMA);
  });
  afterAll(() => last.close());

  it('hands a brand-new subscriber all 1,000 earlier events, in order per aggregate', async () => {
    await history(first, 'h', 25, 40);
    await first.drainOutbox();
    expect(Object.values(await readModel(first, 'probe.rec-old'))).toHaveLength(25);
    expect(await first.sql(`SELECT 1 FROM messaging.subscriber WHERE name = 'probe.rec-new'`)).toHaveLength(0);
    await first.stop();

    // The next release adds a subscriber: nothing was written for it when the events were published.
    second = last = await TestApp.start({ database: first.database, extraModules: [RecorderModule.with(['probe.rec-old', 'probe.rec-new'])] });
    expect(await progressOf(second, 'probe.rec-new')).toMatchObject({ lag: 1000, position: 0, active: true });
    await second.drainOutbox();
    const model = await readModel(second, 'probe.rec-new');
    expect(Object.keys(model)).toHaveLength(25);
    for (const seqs of Object.values(model)) expect(seqs).toEqual(range(1, 40));
    expect(await second.sql(`SELECT count(*)::int AS n FROM probe.seen WHERE subscriber = 'probe.rec-old'`)).toEqual([{ n: 1000 }]);
    expect(await progressOf(second, 'probe.rec-new')).toMatchObject({ lag: 0, retrying: 0, held: 0, parked: 0 });
    // Caught up at its first attempt each: no bookkeeping row.
    expect(await second.sql(`SELECT 1 FROM messaging.delivery WHERE subscriber = 'probe.rec-new'`)).toHaveLength(0);
  });

  it('rebuilds the same read model when an ADMIN resets the subscriber', async () => {
    const before = await readModel(second, 'probe.rec-new');
    const admin = await second.admin();
    const reset = `mutation($input: ResetSubscriberInput!) { resetSubscriber(input: $input) { name position lag } }`;
    const candidate = await second.candidate();
    expect(codeOf(await candidate.gql(reset, { input: { name: 'probe.rec-new' } }))).toBe('FORBIDDEN');
    expect(codeOf(await candidate.gql(SUBSCRIBERS))).toBe('FORBIDDEN');
    expect(codeOf(await second.anonymous().gql(SUBSCRIBERS))).toBe('UNAUTHENTICATED');
    expect(codeOf(await admin.gql(reset, { input: { name: 'probe.nobody' } }))).toBe('NOT_FOUND');
    expect(codeOf(await admin.gql(reset, { input: { name: 'probe.rec-new', fromPosition: -1 } }))).toBe('BAD_USER_INPUT');

    expect((await admin.ok(reset, { input: { name: 'probe.rec-new' } })).resetSubscriber).toEqual({ name: 'probe.rec-new', position: 0, lag: 1000 });
    // reset() ran with the cursor's move: the read model is empty until the log comes again.
    expect(await readModel(second, 'probe.rec-new')).toEqual({});
    await second.drainOutbox();
    expect(await readModel(second, 'probe.rec-new')).toEqual(before);
    expect(await second.sql(`SELECT count(*)::int AS n FROM probe.seen WHERE subscriber = 'probe.rec-new'`)).toEqual([{ n: 1000 }]);
    expect(await second.sql(`SELECT count(*)::int AS n FROM probe.seen WHERE subscriber = 'probe.rec-old'`)).toEqual([{ n: 1000 }]);
  });

  it('resets from a position: only the events from there on come again', async () => {
    const [{ p }] = await second.sql<{ p: string }>(
      `SELECT position::text AS p FROM messaging.outbox WHERE type = 'probe.tick' AND aggregate_id = 'h-3' AND payload->>'seq' = '31'`,
    );
    const admin = await second.admin();
    await admin.ok(`mutation($input: ResetSubscriberInput!) { resetSubscriber(input: $input) { name } }`, {
      input: { name: 'probe.rec-new', fromPosition: Number(p) },
    });
    await second.drainOutbox();
    const model = await readModel(second, 'probe.rec-new');
    for (const seqs of Object.values(model)) expect(seqs[0]).toBeGreaterThanOrEqual(31);
    expect(model['h-3']).toEqual(range(31, 40));
    expect(await progressOf(second, 'probe.rec-new')).toMatchObject({ fromPosition: Number(p), lag: 0 });
  });

  it("starts a subscriber that declares startFrom 'latest' after the history", async () => {
    await second.stop();
    const third = (last = await TestApp.start({ database: first.database, extraModules: [RecorderModule.with(['probe.rec-latest'], 'app', 'latest')] }));
    await tick(third, [['h-0', 41], ['h-1', 41]]);
    await third.drainOutbox();
    expect(await readModel(third, 'probe.rec-latest')).toEqual({ 'h-0': [41], 'h-1': [41] });
    expect(await progressOf(third, 'probe.rec-latest')).toMatchObject({ lag: 0, active: true });
    // The subscribers of the earlier release are still known, though this process does not run them.
    expect(await progressOf(third, 'probe.rec-new')).toMatchObject({ active: false, lag: 2 });
  });
});

describe('order per aggregate: a failing event holds the later ones of its aggregate', () => {
  let t: TestApp;
  const NAME = 'probe.rec-hold';
  beforeAll(async () => {
    t = await TestApp.start({ extraModules: [RecorderModule.with([NAME])] });
    await t.sql(PROBE_SCHEMA);
  });
  afterAll(() => t.close());
  const HOUR = 3600_000;

  it('retries it with backoff while the later events of its aggregate wait, and other aggregates go through', async () => {
    await t.sql(`INSERT INTO probe.failing VALUES ($1, 'x-0', 2)`, [NAME]);
    await history(t, 'x', 1, 5, 2);
    await history(t, 'y', 1, 5, 3);
    await t.drainOutbox();
    expect(await readModel(t, NAME)).toEqual({ 'x-0': [1], 'y-0': [1, 2, 3, 4, 5] });
    expect(await progressOf(t, NAME)).toMatchObject({ lag: 0, retrying: 1, held: 3, parked: 0 });

    // An event of the aggregate published now waits behind it too; another aggregate's does not.
    await tick(t, [['x-0', 6], ['y-0', 6]]);
    await t.drainOutbox();
    expect(await readModel(t, NAME)).toEqual({ 'x-0': [1], 'y-0': [1, 2, 3, 4, 5, 6] });

    // Parked after maxAttempts: still holding the rest, shown to the operator.
    for (let i = 1; i <= 10; i++) await t.drainOutbox(new Date(Date.now() + i * HOUR));
    expect(await progressOf(t, NAME)).toMatchObject({ retrying: 0, held: 4, parked: 1 });
    const admin = await t.admin();
    const [parked] = (await admin.ok(`{ parkedEvents { eventId subscriber aggregateId attempts held } }`)).parkedEvents
      .filter((p: { subscriber: string }) => p.subscriber === NAME);
    expect(parked).toMatchObject({ aggregateId: 'x-0', attempts: 8, held: 4 });

    // Fixed, then replayed: the held ones follow in order.
    await t.sql(`DELETE FROM probe.failing WHERE subscriber = $1`, [NAME]);
    await admin.ok(`mutation($input: ReplayParkedEventInput!) { replayParkedEvent(input: $input) { eventId } }`, {
      input: { eventId: parked.eventId, subscriber: NAME },
    });
    await t.drainOutbox();
    expect(await readModel(t, NAME)).toEqual({ 'x-0': [1, 2, 3, 4, 5, 6], 'y-0': [1, 2, 3, 4, 5, 6] });
    expect(await progressOf(t, NAME)).toMatchObject({ retrying: 0, held: 0, parked: 0 });
  });

  it('lets the held events follow when an operator skips the parked one', async () => {
    await t.sql(`INSERT INTO probe.failing VALUES ($1, 'z-0', 2)`, [NAME]);
    await history(t, 'z', 1, 4, 1);
    for (let i = 0; i <= 10; i++) await t.drainOutbox(new Date(Date.now() + i * HOUR));
    expect(await readModel(t, NAME)).toMatchObject({ 'z-0': [1] });
    const admin = await t.admin();
    const [parked] = (await admin.ok(`{ parkedEvents { eventId subscriber aggregateId held } }`)).parkedEvents
      .filter((p: { subscriber: string }) => p.subscriber === NAME);
    expect(parked).toMatchObject({ aggregateId: 'z-0', held: 2 });
    const skip = `mutation($input: ReplayParkedEventInput!) { skipParkedEvent(input: $input) { eventId } }`;
    expect(codeOf(await (await t.candidate()).gql(skip, { input: { eventId: parked.eventId, subscriber: NAME } }))).toBe('FORBIDDEN');
    await admin.ok(skip, { input: { eventId: parked.eventId, subscriber: NAME } });
    await t.drainOutbox();
    expect((await readModel(t, NAME))['z-0']).toEqual([1, 3, 4]);
    expect(await t.sql(`SELECT status FROM messaging.delivery WHERE event_id = $1`, [parked.eventId])).toEqual([{ status: 'SKIPPED' }]);
  });

  it('prunes the bookkeeping of handled events after the retention period, and keeps the log', async () => {
    const relay = t.app.get(OutboxRelay);
    const logged = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox`);
    const finished = await t.sql(`SELECT count(*)::int AS n FROM messaging.delivery WHERE status IN ('DONE', 'SKIPPED')`);
    expect(finished[0].n).toBeGreaterThan(0);
    expect(await relay.prune()).toEqual({ deliveries: 0, inbox: 0 }); // younger than 30 days
    await t.sql(`INSERT INTO probe.failing VALUES ($1, 'w-0', 1)`, [NAME]);
    await history(t, 'w', 1, 2, 1);
    await t.drainOutbox();
    const pruned = await relay.prune(new Date(Date.now() + 31 * 86_400_000));
    expect(pruned.deliveries).toBe(finished[0].n);
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.delivery WHERE status IN ('DONE', 'SKIPPED')`)).toEqual([{ n: 0 }]);
    // Open work is not bookkeeping: the failing event and the one it holds stay.
    expect(await t.sql(`SELECT status FROM messaging.delivery WHERE aggregate_id = 'w-0' ORDER BY position`)).toEqual([
      { status: 'RETRY' }, { status: 'HELD' },
    ]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox`)).toEqual([{ n: logged[0].n + 2 }]);
  });
});

describe('reading the log while transactions commit out of order', () => {
  let t: TestApp;
  const NAME = 'probe.rec-race';
  let clients: pg.Client[] = [];
  const client = async () => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    clients.push(c);
    return c;
  };
  const append = (c: pg.Client, aggregate: string, seq: number) =>
    c.query(
      `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
       VALUES (gen_random_uuid(), $1, 'probe', $2, $3, 1, jsonb_build_object('seq', $4::int), now())`,
      [Tick.type, Tick.aggregateType, aggregate, seq],
    );
  beforeAll(async () => {
    t = await TestApp.start({ extraModules: [RecorderModule.with([NAME])] });
    await t.sql(PROBE_SCHEMA);
    await t.drainOutbox();
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.end()));
    clients = [];
  });
  afterAll(() => t.close());

  it('never passes a row that commits after a row with a higher position', async () => {
    const slow = await client();
    const fast = await client();
    await slow.query('BEGIN');
    await append(slow, 'early', 1); // the lower position, not committed yet
    await append(fast, 'late', 1); // the higher position, committed first
    const relay = t.app.get(OutboxRelay);
    await relay.pass();
    // A cursor on "position > last" would have taken `late` and moved past `early` for good.
    expect(await readModel(t, NAME)).toEqual({});
    await slow.query('COMMIT');
    await t.drainOutbox();
    expect(await readModel(t, NAME)).toEqual({ early: [1], late: [1] });
  });

  it('keeps the order of an aggregate whose later event was written by a transaction with an older id', async () => {
    const later = await client(); // will write seq 2 of the aggregate, but takes its transaction id first
    const older = await client(); // a transaction still running between the two ids
    const earlier = await client();
    await later.query('BEGIN');
    const { rows: [{ xid }] } = await later.query(`SELECT pg_current_xact_id()::text AS xid`);
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    await append(earlier, 'agg', 1); // committed, with the newest id
    await append(later, 'agg', 2);
    await later.query('COMMIT');
    // Now seq 2 is readable (its id is older than every running transaction: once the other
    // test files' transactions on this server are past it) and seq 1 is not.
    await readableFrom(t, xid);
    const relay = t.app.get(OutboxRelay);
    await relay.pass();
    expect(await readModel(t, NAME)).not.toHaveProperty('agg');
    expect(await progressOf(t, NAME)).toMatchObject({ held: 1 });
    await older.query('COMMIT');
    await t.drainOutbox();
    expect((await readModel(t, NAME)).agg).toEqual([1, 2]);
    expect(await progressOf(t, NAME)).toMatchObject({ held: 0, lag: 0 });
  });

  it('passes over a whole batch of events a subscriber does not take, whatever its budget', async () => {
    await t.sql(
      `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
       SELECT gen_random_uuid(), 'probe.not-taken', 'probe', 'ProbeOther', 'other-' || i, 1, '{}'::jsonb, now()
         FROM generate_series(1, 300) i`,
    );
    await t.sql(
      `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
       VALUES (gen_random_uuid(), $1, 'probe', $2, 'after-the-others', 1, jsonb_build_object('seq', 1), now())`,
      [Tick.type, Tick.aggregateType],
    );
    await readableFrom(t);
    // A relay whose budget is spent before it hands anything over (as when reading a batch
    // is slow): the rows it does not take still cost it nothing, and it takes one event a step.
    const relay = new OutboxRelay(t.app.get(DataSource), t.app.get(SubscriberRegistry), t.app.get(UnitOfWork), {
      intervalMs: 0, maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 1000, retentionDays: 7, stepBudgetMs: 0,
    });
    await relay.pass(undefined, [NAME]);
    const [{ behind }] = await t.sql(
      `SELECT count(*)::int AS behind FROM messaging.outbox o, messaging.subscriber s
        WHERE s.name = $1 AND (o.txid, o.position) > (s.cursor_txid, s.cursor_position)`,
      [NAME],
    );
    expect(behind).toBe(0);
    expect((await readModel(t, NAME))['after-the-others']).toEqual([1]);
  });

  it('spends no transaction on a subscriber while only events of other types are logged, until enough of them lie ahead', async () => {
    await t.drainOutbox();
    const others = async (n: number) => {
      await t.sql(
        `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
         SELECT gen_random_uuid(), 'probe.not-taken', 'probe', 'ProbeOther', 'quiet-' || i, 1, '{}'::jsonb, now()
           FROM generate_series(1, $1::int) i`,
        [n],
      );
      await readableFrom(t);
    };
    const behind = async () =>
      (
        await t.sql<{ behind: number }>(
          `SELECT count(*)::int AS behind FROM messaging.outbox o, messaging.subscriber s
            WHERE s.name = $1 AND (o.txid, o.position) > (s.cursor_txid, s.cursor_position)`,
          [NAME],
        )
      )[0].behind;
    const relay = new OutboxRelay(t.app.get(DataSource), t.app.get(SubscriberRegistry), t.app.get(UnitOfWork), {
      intervalMs: 0, maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 1000, retentionDays: 7, batchSize: 20,
    });
    const stepsOf = (statements: string[]) => statements.filter((q) => q.includes('pg_try_advisory_xact_lock')).length;
    // Drained, but the cursor may lie before rows of other types (the app's own): start from the head.
    await t.sql(
      `UPDATE messaging.subscriber s SET cursor_txid = o.txid, cursor_position = o.position
         FROM (SELECT txid, position FROM messaging.outbox ORDER BY txid DESC, position DESC LIMIT 1) o WHERE s.name = $1`,
      [NAME],
    );

    await others(19);
    const quiet = await t.recordSql(() => relay.pass(undefined, [NAME]));
    expect(stepsOf(quiet.statements)).toBe(0);
    expect(await behind()).toBe(19);

    // A batch ahead (here below the relay's limit of 100): the cursor moves on, so the check reads little.
    await others(1);
    const moved = await t.recordSql(() => relay.pass(undefined, [NAME]));
    expect(stepsOf(moved.statements)).toBe(1);
    expect(await behind()).toBe(0);

    // An event it takes, behind a few it does not: one step hands it over and passes them all.
    await others(5);
    await tick(t, [['after-the-quiet', 1]]);
    await others(0);
    const taken = await t.recordSql(() => relay.pass(undefined, [NAME]));
    expect(stepsOf(taken.statements)).toBe(1);
    expect((await readModel(t, NAME))['after-the-quiet']).toEqual([1]);
    expect(await behind()).toBe(0);
  });

  it('hands an aggregate\'s events in order within one batch when their ids and positions cross, without holding any', async () => {
    // A burst on one aggregate (registrations for one event): each transaction takes its id,
    // then waits for the aggregate's lock, so ids and positions cross. Here seqs 3, 2, 1 are
    // written in that order of ids and 1, 2, 3 of positions, all committed before the relay reads.
    const writers = [await client(), await client(), await client()];
    for (const w of writers) {
      await w.query('BEGIN');
      await w.query('SELECT pg_current_xact_id()');
    }
    for (const [i, w] of [...writers].reverse().entries()) {
      await append(w, 'crossed', i + 1);
      await w.query('COMMIT');
    }
    // Committed is not yet readable: a transaction of another suite that took an id between
    // the writers' would let the relay see only some of them (and rightly hold the rest).
    await readableFrom(t);
    const { statements } = await t.recordSql(() => t.drainOutbox());
    expect((await readModel(t, NAME)).crossed).toEqual([1, 2, 3]);
    expect(statements.filter((s) => /INSERT INTO messaging\.delivery/.test(s))).toEqual([]);
    expect(await progressOf(t, NAME)).toMatchObject({ held: 0, lag: 0 });
  });
});

describe('two relays draining at once', () => {
  it('hands each event to each subscriber once, in order per aggregate, never one aggregate in two places', async () => {
    const names = ['probe.rec-c1', 'probe.rec-c2', 'probe.rec-c3'];
    const a = await TestApp.start({ extraModules: [RecorderModule.with(names, 'a')] });
    await a.sql(PROBE_SCHEMA);
    const b = await TestApp.start({ database: a.database, extraModules: [RecorderModule.with(names, 'b')] });
    try {
      await history(a, 'c', 10, 30, 25);
      recorderWatch.delayMs = 1;
      recorderWatch.overlaps.length = 0;
      await Promise.all([a.drainOutbox(), b.drainOutbox(), a.drainOutbox(), b.drainOutbox()]);
      recorderWatch.delayMs = 0;
      expect(recorderWatch.overlaps).toEqual([]);
      for (const name of names) {
        const model = await readModel(a, name);
        expect(Object.keys(model)).toHaveLength(10);
        for (const seqs of Object.values(model)) expect(seqs).toEqual(range(1, 30));
      }
      const [{ twice }] = await a.sql(
        `SELECT count(*)::int AS twice FROM (SELECT 1 FROM probe.seen GROUP BY subscriber, event_id HAVING count(*) > 1) x`,
      );
      expect(twice).toBe(0);
    } finally {
      recorderWatch.delayMs = 0;
      await b.stop();
      await a.close();
    }
  });
});
