import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '#libs/config/config.js';
import { createLogger } from '#libs/logging/logger.js';
import { createApp } from '../src/app.factory.js';
import { startEmbeddedPostgres } from '#libs/database/embedded-postgres.js';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A throw-away database for one benchmark run. */
export interface BenchDatabase {
  url: string;
  where: string;
  drop(): Promise<void>;
}

/** Embedded in a temporary folder, or a new `minato_bench_<random>` on the DATABASE_URL server. */
export async function benchDatabase(): Promise<BenchDatabase> {
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
  // As root the cluster is placed where the "postgres" user can reach it (libs/database).
  const dir = mkdtempSync(join(tmpdir(), 'minato-bench-'));
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
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

/** The p-th percentile (0–100) of already sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Resident memory of a process, now and at its peak, in MB (Linux /proc). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number } | null> {
  try {
    const { readFileSync } = await import('node:fs');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/**
 * CPU time a process has used so far, in milliseconds: its main thread (the event loop) and
 * all its threads (GC helpers and libuv's pool too). Linux only (/proc, USER_HZ of 100 per
 * second, so read it over seconds, not milliseconds); null elsewhere.
 */
export async function cpuOf(pid: number): Promise<{ mainMs: number; allMs: number } | null> {
  try {
    const { readFileSync } = await import('node:fs');
    const ticks = (path: string) => {
      const stat = readFileSync(path, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
    };
    return { mainMs: ticks(`/proc/${pid}/task/${pid}/stat`), allMs: ticks(`/proc/${pid}/stat`) };
  } catch {
    return null;
  }
}

/** The bench's admin, made by the app at start (config adminEmail/adminPassword). */
export const BENCH_PASSWORD = 'bench-password-123';
export const BENCH_ADMIN_EMAIL = 'admin@bench.minato.example';

/** A GraphQL answer as the benches read it. */
export interface Answer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A client of a listening app: `gql` answers as they come, `ok` throws on errors. */
export function graphqlClient(endpoint: string) {
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
  return { gql, ok };
}

/**
 * Setup every write bench shares (not timed): as the admin, a region `bench`, one
 * organization with `capabilities` and its OWNER; returns their ids and tokens.
 */
export async function benchOrganization(
  ok: ReturnType<typeof graphqlClient>['ok'],
  capabilities: string[],
  names: { organization: string; staff: string },
): Promise<{ adminToken: string; regionId: string; organizationId: string; staffToken: string }> {
  const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { token } }`;
  const adminToken = (await ok(signIn, { input: { email: BENCH_ADMIN_EMAIL, password: BENCH_PASSWORD } })).signIn.token as string;
  const region = (await ok(`mutation($input: CreateRegionInput!) { createRegion(input: $input) { id } }`,
    { input: { code: 'bench', name: 'ベンチ市', prefecture: '宮城県' } }, adminToken)).createRegion;
  const org = (await ok(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    { input: { regionId: region.id, name: names.organization, capabilities } }, adminToken)).createOrganization;
  await ok(`mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`,
    { input: { organizationId: org.id, email: 'staff@bench.minato.example', password: BENCH_PASSWORD, displayName: names.staff, role: 'OWNER' } }, adminToken);
  const staffToken = (await ok(signIn, { input: { email: 'staff@bench.minato.example', password: BENCH_PASSWORD } })).signIn.token as string;
  return { adminToken, regionId: region.id as string, organizationId: org.id as string, staffToken };
}

/**
 * The real app in this process for the write benches, in production mode on `databaseUrl`,
 * with the bench's admin, cheap password hashes (sign-ups are setup, not what is measured),
 * listening on a free port of 127.0.0.1. The caller closes it.
 */
export async function benchApp(databaseUrl: string): Promise<{ app: Awaited<ReturnType<typeof createApp>>; endpoint: string }> {
  const config = {
    ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: randomBytes(32).toString('hex') }),
    demo: false,
    adminEmail: BENCH_ADMIN_EMAIL,
    adminPassword: BENCH_PASSWORD,
  };
  const app = await createApp({
    config,
    databaseUrl,
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    passwordHash: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, endpoint: `http://127.0.0.1:${port}/graphql` };
}
