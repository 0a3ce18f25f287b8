/**
 * Benchmark: how long `npm start` takes to answer /ready on the embedded PostgreSQL with the
 * demo, from a fresh data folder (initdb, migrations, the demo) and again on that folder.
 *
 *   npm run bench:start
 *
 * Runs the real process as `npm start` does (its Node flags, the demo on, no DATABASE_URL;
 * the build is not counted) in alternating rounds beside the limit: the embedded PostgreSQL
 * alone, started on a fresh folder (initdb and the server, what no app can skip). Prints each
 * time and the medians. Knobs: BENCH_ROUNDS (3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedPostgresError, startEmbeddedPostgres } from '#libs/database/embedded-postgres.js';
import { freePort, median } from './support.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
/** `npm start`'s flags (package.json). */
const FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=384', '--v8-pool-size=1'];

/** Milliseconds from spawning the app on `dataDir` to its first 200 on /ready; the app is then stopped. */
async function startApp(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, MINATO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MINATO_EMBEDDED_PG_PORT: String(await freePort()) };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  delete env.MINATO_DEMO;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...FLAGS, MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}): ${stderr.slice(0, 500)}`);
      if (performance.now() - started > 120_000) throw new Error('the app did not become ready in 120 s');
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (ready) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/** Milliseconds to initialise and start the embedded PostgreSQL alone on a fresh folder. */
async function databaseAlone(dir: string): Promise<number> {
  const started = performance.now();
  const db = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), database: 'minato', persistent: false });
  const took = performance.now() - started;
  await db.stop();
  return took;
}

async function main(): Promise<void> {
  const fresh: number[] = [];
  const again: number[] = [];
  const limit: number[] = [];
  console.log('round | embedded PostgreSQL alone, fresh | npm start, fresh folder | npm start, same folder');
  for (let round = 1; round <= ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'minato-bench-start-'));
    chmodSync(dir, 0o755); // as root, the "postgres" user reaches it: no cluster placed elsewhere to clean up
    try {
      limit.push(await databaseAlone(join(dir, 'alone')));
      fresh.push(await startApp(join(dir, 'data')));
      again.push(await startApp(join(dir, 'data')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const s = (ms: number, w: number) => `${(ms / 1000).toFixed(2)} s`.padStart(w);
    console.log(`${String(round).padStart(5)} | ${s(limit.at(-1)!, 32)} | ${s(fresh.at(-1)!, 22)} | ${s(again.at(-1)!, 22)}`);
  }
  console.log(
    `\nmedian: ${(median(fresh) / 1000).toFixed(2)} s to /ready from a fresh folder (goal ≤ 5 s), ${(median(again) / 1000).toFixed(2)} s on the same folder;` +
      ` the embedded PostgreSQL alone ${(median(limit) / 1000).toFixed(2)} s`,
  );
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
