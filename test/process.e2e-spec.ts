import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce } from './harness/build.js';

/**
 * The process as a user runs it (`npm start` = build, then node dist/src/main.js): embedded
 * PostgreSQL with the demo, data kept across restarts, a clean stop on SIGTERM, and a start
 * after a SIGKILL that finds the old database server still running. The data folder is in a
 * private (0700) temporary folder, like a clone in /root: as root, the cluster then lives
 * where the "postgres" user can reach it, linked from <data>/pg.
 */
const root = new URL('..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
}

async function start(dataDir: string, pgPort: number): Promise<Running> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MINATO_DATA_DIR: dataDir, MINATO_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited early (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));

async function gql(port: number, query: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

const postmasterAlive = (dataDir: string) => {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
};

describe('the process (npm start)', () => {
  let dataDir: string;
  let pgPort: number;

  beforeAll(async () => {
    await buildOnce();
    dataDir = join(mkdtempSync(join(tmpdir(), 'minato-process-')), 'data');
    pgPort = await freePort();
  }, 120_000);
  afterAll(() => {
    const pg = join(dataDir, 'pg');
    if (existsSync(pg) && lstatSync(pg).isSymbolicLink()) rmSync(realpathSync(pg), { recursive: true, force: true }); // as root
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('serves the demo on an embedded PostgreSQL, keeps data across restarts and stops cleanly on SIGTERM', async () => {
    const first = await start(dataDir, pgPort);
    const regions = await gql(first.port, '{ regions { code } }');
    expect(regions.data.regions).toEqual([{ code: 'kesennuma' }]);
    const signUp = await gql(
      first.port,
      'mutation { signUp(input: { email: "restart@example.jp", password: "long-enough-pw", displayName: "再起動" }) { account { id } } }',
    );
    expect(signUp.errors).toBeUndefined();
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(postmasterAlive(dataDir)).toBe(false);

    const second = await start(dataDir, pgPort);
    const signIn = await gql(second.port, 'mutation { signIn(input: { email: "restart@example.jp", password: "long-enough-pw" }) { account { displayName } } }');
    expect(signIn.data.signIn.account.displayName).toBe('再起動');
    expect((await gql(second.port, '{ regions { code } }')).data.regions).toHaveLength(1); // the demo loads once
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 180_000);

  it('starts after a SIGKILL left the old database server running', async () => {
    const killed = await start(dataDir, pgPort);
    killed.child.kill('SIGKILL');
    await exited(killed.child);
    expect(postmasterAlive(dataDir)).toBe(true);
    const next = await start(dataDir, pgPort);
    expect((await gql(next.port, '{ regions { code } }')).data.regions).toEqual([{ code: 'kesennuma' }]);
    next.child.kill('SIGTERM');
    expect(await exited(next.child)).toBe(0);
    expect(postmasterAlive(dataDir)).toBe(false);
  }, 180_000);

  it('refuses a bad configuration with a message naming the variable', () => {
    let message = '';
    try {
      execFileSync(process.execPath, [join(root, 'dist/src/main.js')], { env: { ...process.env, PORT: 'eighty' }, stdio: 'pipe' });
    } catch (error) {
      message = String((error as { stderr: Buffer }).stderr);
    }
    expect(message).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
  });
});
