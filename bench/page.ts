/**
 * Benchmark: the public opportunity page people open most — one region, one work style,
 * newest 20, four fields — at 100,000 opportunities, 50 clients at once.
 *
 *   npm run bench:page
 *
 * Measures, in alternating rounds on the same database: the same SQL through raw pg
 * (Pool of 20, as the app's; no HTTP, no GraphQL: the ceiling), and Minato — the real
 * process (`node dist/src/main.js`, NODE_ENV=production) over HTTP with autocannon. Prints
 * requests/s and p50/p99 of each, their ratio, the app's CPU per request (its event loop and
 * all its threads, from /proc: steadier than requests/s when other work shares the machine),
 * its memory idle and at peak, and the plan of the page's SQL. Only the ratio and the CPU per
 * request mean much on a shared machine.
 *
 * Both sides first run unmeasured for BENCH_WARMUP seconds (3), so that neither round 1 is
 * spent compiling: a server people use is warm.
 *
 * Knobs: BENCH_OPPORTUNITIES (100000), BENCH_CLIENTS (50), BENCH_SECONDS (10), BENCH_ROUNDS (3);
 * BENCH_PROFILE=<folder> writes a CPU profile of the app there (BENCH_HEAP_PROFILE=<folder>: a
 * sampling heap profile); BENCH_SEMI_SPACE=<MB> tries another --max-semi-space-size than
 * `npm start`'s 8; BENCH_NODE_FLAGS replaces `npm start`'s other flags (--max-old-space-size=384
 * --v8-pool-size=1).
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '#libs/config/config.js';
import { BulkRegistry } from '#libs/demo/bulk-seeder.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { createLogger } from '#libs/logging/logger.js';
import { buildOpportunitySearch } from '../src/modules/careers/infrastructure/opportunity-search.js';
import { createApp } from '../src/app.factory.js';
import { benchDatabase, cpuOf, freePort, median, memoryOf, percentile } from './support.js';

const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const POOL = 20;

/** Node flags for the profiles asked for. */
function profileFlags(): string[] {
  const flags: string[] = [];
  if (process.env.BENCH_PROFILE) flags.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`);
  if (process.env.BENCH_HEAP_PROFILE) flags.push('--heap-prof', `--heap-prof-dir=${process.env.BENCH_HEAP_PROFILE}`);
  return flags;
}

interface Figures {
  rps: number;
  /** Answers counted in the round. */
  total: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `clients` loops sending the page's SQL through a pool for `seconds`. */
async function rawPg(url: string, sql: { text: string; values: unknown[] }, seconds = SECONDS): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await pool.query(sql.text, sql.values);
          if (res.rowCount === 0) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, total: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

/** autocannon against the running app. */
async function minato(endpoint: string, body: string, seconds = SECONDS): Promise<Figures> {
  const result = await autocannon({
    url: endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CLIENTS,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main(): Promise<void> {
  const database = await benchDatabase();
  let child: ReturnType<typeof spawn> | undefined;
  try {
    // ---- setup (not timed): migrations and the rows, through the app's own bulk generators
    process.stdout.write(`setting up: ${OPPORTUNITIES} opportunities on ${database.where}…\n`);
    const config = { ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }), demo: false, relayIntervalMs: 0 };
    const setup = await createApp({ config, databaseUrl: database.url, logger: createLogger('warn') });
    const bulk = setup.get(BulkRegistry);
    await bulk.get('regions')!.generate(8, () => undefined);
    await bulk.get('opportunities')!.generate(OPPORTUNITIES, () => undefined);
    await setup.close();

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const [{ region_id: regionId, n }] = (
      await client.query(
        `SELECT region_id, count(*)::int AS n FROM careers.opportunity WHERE status = 'PUBLISHED' AND work_style = 'SIDE_JOB'
          GROUP BY region_id ORDER BY count(*) DESC, region_id LIMIT 1`,
      )
    ).rows;
    // The SQL the app sends for the page's query below: its filter, and the columns of the four fields it selects.
    const sql = buildOpportunitySearch({ regionId, workStyles: ['SIDE_JOB' as never] }, { all: false, regions: [] }, 20, null, [
      'id', 'title', 'workStyle', 'publishedAt',
    ]).page;
    const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${sql.text}`, sql.values)).rows.map(
      (r: Record<string, string>) => r['QUERY PLAN'],
    );
    await client.end();

    // ---- the real process, as deployed
    const port = await freePort();
    const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
    child = spawn(process.execPath, [...profileFlags(), `--max-semi-space-size=${process.env.BENCH_SEMI_SPACE ?? 8}`, ...(process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=384 --v8-pool-size=1').split(' ').filter(Boolean), main], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', MINATO_DEMO: '0', LOG_LEVEL: 'warn', JWT_SECRET: randomBytes(32).toString('hex') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('the app did not become ready in 60 s');
      const ready = await fetch(`${base}/ready`).then((r) => r.ok, () => false);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const query = `query($r: ID) { opportunities(filter: { regionId: $r, workStyles: [SIDE_JOB] }, first: 20) { edges { node { id title workStyle publishedAt } } } }`;
    const body = JSON.stringify({ query, variables: { r: regionId } });
    const sample = (await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as {
      data?: { opportunities: { edges: unknown[] } };
      errors?: unknown[];
    };
    if (sample.errors || sample.data?.opportunities.edges.length !== 20) throw new Error(`unexpected answer: ${JSON.stringify(sample).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await memoryOf(child.pid!);

    console.log(`\npublic opportunity page: region + SIDE_JOB (${n} match), newest 20, 4 fields; ${OPPORTUNITIES} opportunities on ${database.where}`);
    console.log(`${CLIENTS} clients, ${ROUNDS} alternating rounds of ${SECONDS} s\n`);
    if (WARMUP > 0) {
      await rawPg(database.url, sql, WARMUP);
      await minato(`${base}/graphql`, body, WARMUP);
    }
    console.log('round | raw pg req/s   p50 ms  p99 ms | Minato req/s   p50 ms  p99 ms | ratio | Minato CPU µs/request: event loop, process');
    const ratios: number[] = [];
    const cpu: Array<{ main: number; all: number }> = [];
    let errors = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const raw = await rawPg(database.url, sql);
      const before = await cpuOf(child.pid!);
      const app = await minato(`${base}/graphql`, body);
      const after = await cpuOf(child.pid!);
      errors += raw.errors + app.errors;
      if (before && after) cpu.push({ main: ((after.mainMs - before.mainMs) * 1000) / app.total, all: ((after.allMs - before.allMs) * 1000) / app.total });
      const ratio = app.rps / raw.rps;
      ratios.push(ratio);
      const f = (x: number, w: number, d = 0) => x.toFixed(d).padStart(w);
      console.log(`${f(round, 5)} | ${f(raw.rps, 12)} ${f(raw.p50, 8, 1)} ${f(raw.p99, 7, 1)} | ${f(app.rps, 12)} ${f(app.p50, 8, 1)} ${f(app.p99, 7, 1)} | ${f(ratio, 5, 2)} | ${cpu.length === round ? `${f(cpu[round - 1].main, 10)} ${f(cpu[round - 1].all, 8)}` : ''}`);
    }
    const peak = await memoryOf(child.pid!);
    console.log(`\nratio (median of rounds): ${median(ratios).toFixed(2)}× raw pg on the same SQL (goal ≥ 0.4×)`);
    if (cpu.length > 0) {
      console.log(
        `Minato's CPU per request (median of rounds, less noisy than req/s on a shared machine): ${median(cpu.map((c) => c.main)).toFixed(0)} µs on the event loop, ${median(cpu.map((c) => c.all)).toFixed(0)} µs in all its threads`,
      );
    }
    if (idle && peak) console.log(`memory of the app: ${idle.rssMb.toFixed(0)} MB idle after start, ${peak.peakMb.toFixed(0)} MB at peak`);
    console.log(`errors: ${errors}`);
    console.log(`\nplan of the page's SQL:\n  ${plan.join('\n  ')}`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
