/**
 * Benchmark: 2,000 candidates register for one OPEN FIRST_COME event at the same moment,
 * through GraphQL over real HTTP against a listening server.
 *
 *   npm run bench:registration
 *
 * Runs on a throw-away embedded PostgreSQL (or, with DATABASE_URL, in a new database
 * `minato_bench_<random>` on that server, dropped afterwards). Setup (accounts, event) is
 * not timed; the timed part is the burst of registerForEvent requests, all in flight at
 * once. Prints wall time, requests/s, latency percentiles and the outcome counts, and
 * checks them: never more CONFIRMED than capacity, the queue 1..n without gaps.
 *
 * Knobs: BENCH_CANDIDATES (2000), BENCH_CAPACITY (60).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../libs/config/config.js';
import { OutboxRelay } from '../libs/messaging/outbox-relay.js';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase } from '../libs/database/embedded-postgres.js';
import { createLogger } from '../libs/logging/logger.js';
import { createApp } from '../src/app.factory.js';

const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 2000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 60);
const SETUP_CONCURRENCY = 50;
const PASSWORD = 'bench-password-123';
const ADMIN_EMAIL = 'admin@bench.minato.example';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A database of our own: embedded in a temporary folder, or new on the DATABASE_URL server. */
async function benchDatabase(): Promise<{ url: string; where: string; drop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    const name = `minato_bench_${randomBytes(4).toString('hex')}`;
    const admin = new URL(server.toString());
    admin.pathname = '/postgres';
    const onServer = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    return { url: url.toString(), where: `server ${server.host}, database ${name}`, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'minato-bench-'));
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), database: 'minato_bench', persistent: false });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: embedded.url,
    where: 'embedded PostgreSQL',
    drop: async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Answer {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }),
    demo: false,
    adminEmail: ADMIN_EMAIL,
    adminPassword: PASSWORD,
  };
  const app = await createApp({
    config,
    databaseUrl: database.url,
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    // Cheap password hashes: the 2,000 sign-ups are setup, not what is measured.
    passwordHash: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
    const address = app.getHttpServer().address() as { port: number };
    const endpoint = `http://127.0.0.1:${address.port}/graphql`;

    const gql = async (query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Answer;
    };
    const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const answer = await gql(query, variables, token);
      if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
      return answer.data!;
    };

    // ---- setup (not timed)
    const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
    const adminToken = (await ok(signIn, { input: { email: ADMIN_EMAIL, password: PASSWORD } })).signIn.token;
    const region = (await ok(`mutation($input: CreateRegionInput!) { createRegion(input: $input) { id } }`,
      { input: { code: 'bench', name: 'ベンチ市', prefecture: '宮城県' } }, adminToken)).createRegion;
    const org = (await ok(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { regionId: region.id, name: 'ベンチ主催者', capabilities: ['EVENTS_MANAGE'] } }, adminToken)).createOrganization;
    await ok(`mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`,
      { input: { organizationId: org.id, email: 'staff@bench.minato.example', password: PASSWORD, displayName: '主催スタッフ', role: 'OWNER' } }, adminToken);
    const staffToken = (await ok(signIn, { input: { email: 'staff@bench.minato.example', password: PASSWORD } })).signIn.token;
    const startsAt = new Date(Date.now() + 30 * 24 * 3600_000);
    const event = (await ok(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: {
        organizationId: org.id, kind: 'BRIEFING', title: 'ベンチマーク説明会', description: '同時申込の計測',
        startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
        venue: { name: '会場', address: '東京都千代田区' }, capacity: CAPACITY, allocation: 'FIRST_COME',
      },
    }, staffToken)).createEvent;
    await ok(`mutation($id: ID!) { openEventRegistration(input: { eventId: $id }) { id } }`, { id: event.id }, staffToken);

    process.stdout.write(`setting up: ${CANDIDATES} candidates on ${database.where}…\n`);
    const tokens: string[] = [];
    for (let i = 0; i < CANDIDATES; i += SETUP_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SETUP_CONCURRENCY, CANDIDATES - i) }, (_, k) => i + k);
      tokens.push(...(await Promise.all(batch.map(async (n) =>
        (await ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
          { input: { email: `candidate-${n}@bench.minato.example`, password: PASSWORD, displayName: `候補者${n}` } })).signUp.token))));
    }

    // ---- the burst (timed): every request in flight at once
    const REGISTER = `mutation($id: ID!) { registerForEvent(input: { eventId: $id }) { id status waitlistPosition } }`;
    const latencies: number[] = [];
    const started = performance.now();
    const answers = await Promise.all(tokens.map(async (token) => {
      const t0 = performance.now();
      try {
        return await gql(REGISTER, { id: event.id }, token);
      } catch (error) {
        return { errors: [{ message: (error as Error).message }] } as Answer;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }));
    const wallMs = performance.now() - started;

    // ---- results
    const errors = answers.filter((a) => a.errors?.length);
    const statuses = answers.filter((a) => !a.errors?.length).map((a) => a.data!.registerForEvent.status as string);
    const confirmed = statuses.filter((s) => s === 'CONFIRMED').length;
    const waitlisted = statuses.filter((s) => s === 'WAITLISTED').length;
    const positions = answers.filter((a) => !a.errors?.length && a.data!.registerForEvent.waitlistPosition !== null)
      .map((a) => a.data!.registerForEvent.waitlistPosition as number).sort((x, y) => x - y);
    const counts = (await ok(`query($id: ID!) { event(id: $id) { confirmedCount waitlistedCount seatsLeft } }`, { id: event.id })).event;
    latencies.sort((x, y) => x - y);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(0);
    const gapFree = positions.every((p, i) => p === i + 1);

    console.log(`\nregisterForEvent burst: ${CANDIDATES} concurrent requests, one event of ${CAPACITY} seats (${database.where})`);
    console.log(`  wall time     ${(wallMs / 1000).toFixed(2)} s`);
    console.log(`  throughput    ${(CANDIDATES / (wallMs / 1000)).toFixed(0)} requests/s`);
    console.log(`  latency       p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
    console.log(`  confirmed     ${confirmed} (event says ${counts.confirmedCount}, seatsLeft ${counts.seatsLeft})`);
    console.log(`  waitlisted    ${waitlisted} (event says ${counts.waitlistedCount}); positions 1..${positions.length} ${gapFree ? 'gap-free' : 'WITH GAPS'}`);
    console.log(`  errors        ${errors.length}${errors.length ? ` (first: ${JSON.stringify(errors[0].errors![0])})` : ''}`);

    // A baseline: the same callers, all at once, each reading the event and their own
    // registration (no lock): what the burst costs apart from serializing on the event row.
    const READ = `query($id: ID!) { event(id: $id) { confirmedCount myRegistration { status } } }`;
    const readStarted = performance.now();
    const reads = await Promise.all(tokens.map((token) => gql(READ, { id: event.id }, token).catch((e: Error) => ({ errors: [{ message: e.message }] }) as Answer)));
    const readMs = performance.now() - readStarted;
    console.log(`  baseline      the same ${CANDIDATES} callers reading event(id) { myRegistration } at once: ${(readMs / 1000).toFixed(2)} s, ${(CANDIDATES / (readMs / 1000)).toFixed(0)} requests/s, ${reads.filter((r) => r.errors?.length).length} errors`);

    // Another baseline: the same registrations spread over 40 events, so they seldom wait
    // on one another's lock: what the one-hot-row contention itself costs.
    const spread: string[] = [];
    for (let i = 0; i < 40; i++) {
      const other = (await ok(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
        input: {
          organizationId: org.id, kind: 'MEETUP', title: `分散 ${i}`, description: '比較用',
          startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
          venue: { name: '会場', address: '東京都千代田区' }, capacity: CAPACITY, allocation: 'FIRST_COME',
        },
      }, staffToken)).createEvent;
      await ok(`mutation($id: ID!) { openEventRegistration(input: { eventId: $id }) { id } }`, { id: other.id }, staffToken);
      spread.push(other.id);
    }
    const spreadStarted = performance.now();
    const spreadAnswers = await Promise.all(tokens.map((token, i) => gql(REGISTER, { id: spread[i % spread.length] }, token).catch((e: Error) => ({ errors: [{ message: e.message }] }) as Answer)));
    const spreadMs = performance.now() - spreadStarted;
    console.log(`  baseline      the same ${CANDIDATES} registrations spread over 40 events at once: ${(spreadMs / 1000).toFixed(2)} s, ${(CANDIDATES / (spreadMs / 1000)).toFixed(0)} requests/s, ${spreadAnswers.filter((r) => r.errors?.length).length} errors`);

    const expectedConfirmed = Math.min(CAPACITY, CANDIDATES - errors.length);
    const sound = confirmed === expectedConfirmed && counts.confirmedCount === confirmed && counts.waitlistedCount === waitlisted && gapFree;
    if (!sound) {
      console.error('  RESULT INCONSISTENT: the seat rules were broken');
      process.exitCode = 1;
    } else if (errors.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    // Let the relay finish what the burst committed before the database goes away.
    await app.get(OutboxRelay).drain().catch(() => undefined);
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
