import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The repository's root (this file is test/harness/build.ts). */
export const ROOT = new URL('../..', import.meta.url).pathname;

const STALE_LOCK_MS = 10 * 60_000;

/**
 * Compiles the app to dist/ (`npm run build`'s tsc) once per test run, for the tests that
 * spawn the real process (`node dist/src/main.js`). Test files run in parallel workers:
 * a second tsc writing the same files while a process of another test loads them could
 * hand it a half-written file, so the build runs under a lock (a directory, created
 * atomically) and leaves a stamp naming the run (MINATO_TEST_RUN, set by the global
 * setup); a file that finds the stamp of its own run uses dist/ as it is.
 */
export async function buildOnce(): Promise<void> {
  const run = process.env.MINATO_TEST_RUN;
  const stamp = join(ROOT, 'dist', '.test-run');
  const lock = join(tmpdir(), `minato-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 16)}.lock`);
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A run killed mid-build leaves the lock behind: taken over once clearly abandoned.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`the build lock ${lock} was held for 5 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (run !== undefined && readStamp(stamp) === run) return;
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
      cwd: ROOT,
    }).catch((error: Error & { stdout?: string }) => {
      throw new Error(`npm run build failed:\n${error.stdout ?? ''}${error.message}`);
    });
    if (run !== undefined) writeFileSync(stamp, run);
  } finally {
    rmdirSync(lock);
  }
}

function readStamp(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
