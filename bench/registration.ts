/**
 * Benchmark: 2,000 candidates register for one OPEN FIRST_COME event at the same moment,
 * through GraphQL over real HTTP against a listening server — and, in the same run, the
 * same 2,000 accounts through the classic transaction on raw pg, for the ratio.
 *
 *   npm run bench:registration
 *
 * Runs on a throw-away embedded PostgreSQL (or, with DATABASE_URL, in a new database
 * `minato_bench_<random>` on that server, dropped afterwards). Setup (accounts, events) is
 * not timed. Each round times two bursts, every request in flight at once, each on a fresh
 * event of its own:
 *   1. Minato: registerForEvent over HTTP (auth, GraphQL, the command, the outbox row);
 *   2. raw pg, Pool(20) as the app's: BEGIN; SELECT … FOR UPDATE the event; count the
 *      account's active registrations; INSERT the registration; UPDATE the counters; COMMIT.
 * Prints wall time, latency percentiles, the ratio Minato / raw pg of the wall times (goal
 * ≤ 1.5×) and, for both, the exactness checks: `capacity` CONFIRMED, the queue 1..n without
 * gaps, the event's counters equal to its rows, 0 errors. Then two baselines for Minato
 * alone (the same callers reading; the same registrations spread over 40 events).
 * Only the ratio means much on a shared machine.
 *
 * Knobs: BENCH_CANDIDATES (2000), BENCH_CAPACITY (60), BENCH_ROUNDS (1), BENCH_BASELINES (1; 0 skips them).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { BENCH_PASSWORD, benchApp, benchDatabase, benchOrganization, graphqlClient, type Answer, median, percentile } from './support.js';

const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 2000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const BASELINES = process.env.BENCH_BASELINES !== '0';
const POOL = 20;
const SETUP_CONCURRENCY = 50;

interface Candidate {
  token: string;
  accountId: string;
  displayName: string;
  email: string;
}

/** One burst: how long it took, and whether the seat rules held. */
interface Burst {
  wallMs: number;
  latencies: number[];
  errors: number;
  firstError: string | null;
  confirmed: number;
  waitlisted: number;
  /** The answers' queue positions are 1..n. */
  answersGapFree: boolean;
  /** What the rows say. */
  rows: { confirmed: number; waitlisted: number; gapFree: boolean; countersAgree: boolean };
}

/** Fires `work` for every item at once and times the lot. */
async function burst<T>(
  items: readonly T[],
  work: (item: T) => Promise<{ status: string; waitlistPosition: number | null }>,
): Promise<Omit<Burst, 'rows'>> {
  const latencies: number[] = [];
  let firstError: string | null = null;
  const started = performance.now();
  const outcomes = await Promise.all(
    items.map(async (item) => {
      const t0 = performance.now();
      try {
        return await work(item);
      } catch (error) {
        firstError ??= (error as Error).message;
        return null;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((x, y) => x - y);
  const done = outcomes.filter((o) => o !== null);
  const positions = done.map((o) => o.waitlistPosition).filter((p) => p !== null).sort((x, y) => x - y);
  return {
    wallMs,
    latencies,
    errors: outcomes.length - done.length,
    firstError,
    confirmed: done.filter((o) => o.status === 'CONFIRMED').length,
    waitlisted: done.filter((o) => o.status === 'WAITLISTED').length,
    answersGapFree: positions.every((p, i) => p === i + 1),
  };
}

/** The seat rules checked on the rows themselves, and the event's counters against them. */
async function rowsOf(pool: pg.Pool, eventId: string): Promise<Burst['rows']> {
  const { rows } = await pool.query<{ confirmed: number; waitlisted: number; gap_free: boolean; counters_agree: boolean }>(
    `WITH r AS (
       SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
              coalesce(array_agg(waitlist_position ORDER BY waitlist_position) FILTER (WHERE status = 'WAITLISTED'), '{}') AS positions
         FROM events.registration WHERE event_id = $1)
     SELECT r.confirmed, r.waitlisted,
            r.positions = ARRAY(SELECT generate_series(1, r.waitlisted)) AS gap_free,
            (e.confirmed_count = r.confirmed AND e.waitlisted_count = r.waitlisted) AS counters_agree
       FROM r, events.event e WHERE e.id = $1`,
    [eventId],
  );
  return { confirmed: rows[0].confirmed, waitlisted: rows[0].waitlisted, gapFree: rows[0].gap_free, countersAgree: rows[0].counters_agree };
}

/**
 * The classic transaction, the way anyone would write it by hand on pg: six round trips,
 * four of them while holding the event's lock.
 */
async function classicRegister(pool: pg.Pool, eventId: string, c: Candidate): Promise<{ status: string; waitlistPosition: number | null }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [event] = (
      await client.query<{ capacity: number; confirmed_count: number; waitlisted_count: number }>(
        'SELECT capacity, confirmed_count, waitlisted_count FROM events.event WHERE id = $1 FOR UPDATE',
        [eventId],
      )
    ).rows;
    const [{ n }] = (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1 AND account_id = $2 AND status <> 'CANCELLED'`,
        [eventId, c.accountId],
      )
    ).rows;
    if (n > 0) throw new Error('already registered');
    const confirmed = event.confirmed_count < event.capacity && event.waitlisted_count === 0;
    const status = confirmed ? 'CONFIRMED' : 'WAITLISTED';
    const waitlistPosition = confirmed ? null : event.waitlisted_count + 1;
    await client.query(
      `INSERT INTO events.registration (id, event_id, account_id, attendee_display_name, attendee_email, status, waitlist_position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())`,
      [randomUUID(), eventId, c.accountId, c.displayName, c.email, status, waitlistPosition],
    );
    await client.query(
      `UPDATE events.event SET confirmed_count = $2, waitlisted_count = $3, updated_at = now(), version = version + 1 WHERE id = $1`,
      [eventId, event.confirmed_count + (confirmed ? 1 : 0), event.waitlisted_count + (confirmed ? 0 : 1)],
    );
    await client.query('COMMIT');
    return { status, waitlistPosition };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const sound = (b: Burst, expectedConfirmed: number) =>
  b.errors === 0 &&
  b.confirmed === expectedConfirmed &&
  b.rows.confirmed === b.confirmed &&
  b.rows.waitlisted === b.waitlisted &&
  b.answersGapFree &&
  b.rows.gapFree &&
  b.rows.countersAgree;

function describeBurst(name: string, b: Burst): void {
  const ms = (p: number) => percentile(b.latencies, p).toFixed(0);
  console.log(
    `  ${name.padEnd(15)} wall ${(b.wallMs / 1000).toFixed(2).padStart(6)} s  ${String(Math.round(CANDIDATES / (b.wallMs / 1000))).padStart(5)} req/s` +
      `  latency p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${b.latencies[b.latencies.length - 1].toFixed(0)} ms`,
  );
  console.log(
    `  ${''.padEnd(15)} confirmed ${b.confirmed} (rows ${b.rows.confirmed}), waitlisted ${b.waitlisted} (rows ${b.rows.waitlisted}), ` +
      `queue 1..${b.rows.waitlisted} ${b.answersGapFree && b.rows.gapFree ? 'gap-free' : 'WITH GAPS'}, ` +
      `counters ${b.rows.countersAgree ? 'agree with the rows' : 'DISAGREE with the rows'}, errors ${b.errors}` +
      (b.firstError ? ` (first: ${b.firstError.slice(0, 200)})` : ''),
  );
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const { app, endpoint } = await benchApp(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  let failed = false;
  try {
    const { gql, ok } = graphqlClient(endpoint);

    // ---- setup (not timed)
    const { organizationId, staffToken } = await benchOrganization(ok, ['EVENTS_MANAGE'], { organization: 'ベンチ主催者', staff: '主催スタッフ' });
    const org = { id: organizationId };
    const startsAt = new Date(Date.now() + 30 * 24 * 3600_000);
    const openEvent = async (title: string, kind = 'BRIEFING'): Promise<string> => {
      const event = (await ok(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
        input: {
          organizationId: org.id, kind, title, description: '同時申込の計測',
          startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
          venue: { name: '会場', address: '東京都千代田区' }, capacity: CAPACITY, allocation: 'FIRST_COME',
        },
      }, staffToken)).createEvent;
      await ok(`mutation($id: ID!) { openEventRegistration(input: { eventId: $id }) { id } }`, { id: event.id }, staffToken);
      return event.id as string;
    };

    process.stdout.write(`setting up: ${CANDIDATES} candidates on ${database.where}…\n`);
    const candidates: Candidate[] = [];
    for (let i = 0; i < CANDIDATES; i += SETUP_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SETUP_CONCURRENCY, CANDIDATES - i) }, (_, k) => i + k);
      candidates.push(...(await Promise.all(batch.map(async (n): Promise<Candidate> => {
        const email = `candidate-${n}@bench.minato.example`;
        const displayName = `候補者${n}`;
        const { signUp } = await ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`,
          { input: { email, password: BENCH_PASSWORD, displayName } });
        return { token: signUp.token, accountId: signUp.account.id, displayName, email };
      }))));
    }
    // Warm the pool's connections, as the app's are by the setup.
    await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));

    const REGISTER = `mutation($id: ID!) { registerForEvent(input: { eventId: $id }) { id status waitlistPosition } }`;
    const expectedConfirmed = Math.min(CAPACITY, CANDIDATES);
    const ratios: number[] = [];
    console.log(`\nregisterForEvent burst: ${CANDIDATES} concurrent registrations, one event of ${CAPACITY} seats (${database.where})`);
    for (let round = 1; round <= ROUNDS; round++) {
      if (ROUNDS > 1) console.log(` round ${round}`);
      // ---- Minato (timed): every request in flight at once
      const minatoEvent = await openEvent(`ベンチマーク説明会 ${round}`);
      const minato: Burst = {
        ...(await burst(candidates, async (c) => {
          const answer = await gql(REGISTER, { id: minatoEvent }, c.token);
          if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors[0]));
          return answer.data!.registerForEvent as { status: string; waitlistPosition: number | null };
        })),
        rows: await rowsOf(pool, minatoEvent),
      };
      // ---- raw pg (timed): the same accounts, a fresh event, the classic transaction
      const rawEvent = await openEvent(`比較用説明会 ${round}`);
      const raw: Burst = { ...(await burst(candidates, (c) => classicRegister(pool, rawEvent, c))), rows: await rowsOf(pool, rawEvent) };

      describeBurst('Minato (HTTP)', minato);
      describeBurst(`raw pg Pool(${POOL})`, raw);
      const ratio = minato.wallMs / raw.wallMs;
      ratios.push(ratio);
      console.log(`  ratio           ${ratio.toFixed(2)}× raw pg's wall time (goal ≤ 1.5×)`);
      if (!sound(minato, expectedConfirmed) || !sound(raw, expectedConfirmed)) {
        console.error('  RESULT INCONSISTENT: the seat rules were broken, or requests failed');
        failed = true;
      }
    }
    if (ROUNDS > 1) console.log(`\nratio (median of ${ROUNDS} rounds): ${median(ratios).toFixed(2)}× raw pg's wall time (goal ≤ 1.5×)`);

    if (BASELINES) {
      // The same callers, all at once, each reading an event and their own registration
      // (no lock): what the burst costs apart from the writes.
      const tokens = candidates.map((c) => c.token);
      const anyEvent = await openEvent('読み取り用');
      const READ = `query($id: ID!) { event(id: $id) { confirmedCount myRegistration { status } } }`;
      const readStarted = performance.now();
      const reads = await Promise.all(tokens.map((token) => gql(READ, { id: anyEvent }, token).catch((e: Error) => ({ errors: [{ message: e.message }] }) as Answer)));
      const readMs = performance.now() - readStarted;
      console.log(`\n  baseline      the same ${CANDIDATES} callers reading event(id) { myRegistration } at once: ${(readMs / 1000).toFixed(2)} s, ${(CANDIDATES / (readMs / 1000)).toFixed(0)} requests/s, ${reads.filter((r) => r.errors?.length).length} errors`);

      // The same registrations spread over 40 events, so they seldom wait on one
      // another's lock: what the one-hot-row contention itself costs.
      const spread: string[] = [];
      for (let i = 0; i < 40; i++) spread.push(await openEvent(`分散 ${i}`, 'MEETUP'));
      const spreadStarted = performance.now();
      const spreadAnswers = await Promise.all(tokens.map((token, i) => gql(REGISTER, { id: spread[i % spread.length] }, token).catch((e: Error) => ({ errors: [{ message: e.message }] }) as Answer)));
      const spreadMs = performance.now() - spreadStarted;
      console.log(`  baseline      the same ${CANDIDATES} registrations spread over 40 events at once: ${(spreadMs / 1000).toFixed(2)} s, ${(CANDIDATES / (spreadMs / 1000)).toFixed(0)} requests/s, ${spreadAnswers.filter((r) => r.errors?.length).length} errors`);
    }
    if (failed) process.exitCode = 1;
  } finally {
    // Let the relay finish what the bursts committed before the database goes away.
    await app.get(OutboxRelay).drain().catch(() => undefined);
    await pool.end();
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
