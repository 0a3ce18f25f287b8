import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import {
  EmbeddedPostgresError,
  lookupUser,
  nativeFor,
  startEmbeddedPostgres,
  type Identity,
} from '#libs/database/embedded-postgres.js';

/**
 * The embedded PostgreSQL itself. As root it runs as the "postgres" user, which cannot reach
 * a private (0700) folder: those tests run only as root (CI runs as root) and are skipped
 * for other users, which is said in their names.
 */
const asRoot = process.getuid?.() === 0;
const rootOnly = asRoot && process.platform === 'linux' ? it : it.skip;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function query(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  const temps: string[] = [];
  const privateFolder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'minato-embedded-')); // mode 0700, like /root
    temps.push(dir);
    return dir;
  };
  afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  rootOnly('as root, starts from a private (0700) folder: the cluster lives where "postgres" reaches it, linked from the folder (root only)', async () => {
    const postgres = (await lookupUser('postgres'))!;
    const dir = join(privateFolder(), 'data', 'pg');
    const port = await freePort();

    const first = await startEmbeddedPostgres({ dir, port, database: 'minato_embedded' });
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
    expect(realpathSync(dir)).toBe(first.dataDir);
    const cluster = statSync(first.dataDir);
    expect([cluster.uid, cluster.gid, cluster.mode & 0o777]).toEqual([postgres.uid, postgres.gid, 0o700]);
    expect(await query(first.url, 'SHOW data_directory')).toEqual([{ data_directory: first.dataDir }]);
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across restarts')`);
    await first.stop();

    // A warm restart finds the same cluster; a temporary one is removed with its link.
    const second = await startEmbeddedPostgres({ dir, port, database: 'minato_embedded', persistent: false });
    expect(second.dataDir).toBe(first.dataDir);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'across restarts' }]);
    await second.stop();
    expect(existsSync(second.dataDir)).toBe(false);
    expect(lstatSync(dir, { throwIfNoEntry: false })).toBeUndefined();
  }, 120_000);

  rootOnly('as root, copies binaries "postgres" cannot reach once into a root-owned cache, even when several processes race (root only)', async () => {
    const postgres = (await lookupUser('postgres')) as Identity;
    const { postgres: packaged } = (await import(`@embedded-postgres/linux-${process.arch}`)) as { postgres: string };
    const hidden = join(privateFolder(), 'native');
    cpSync(dirname(dirname(packaged)), hidden, { recursive: true, verbatimSymlinks: true });
    const version = `test-${process.pid}-${Date.now()}`;

    const copies = await Promise.all([1, 2, 3].map(() => nativeFor({ version, native: hidden }, postgres, () => undefined)));
    const cache = copies[0];
    temps.push(cache);
    expect(new Set(copies).size).toBe(1);
    expect(cache).not.toBe(hidden);
    expect(existsSync(join(cache, '.complete'))).toBe(true);
    expect(readdirSync(dirname(cache)).filter((e) => e.startsWith(`${version}-`) && e.includes('.partial-'))).toEqual([]);
    const owner = statSync(cache);
    expect([owner.uid, owner.mode & 0o777]).toEqual([0, 0o755]);
    expect(readlinkSync(join(cache, 'lib', 'libpq.so'))).not.toMatch(/^\//); // symlinks kept relative
    const runs = spawnSync(join(cache, 'bin', 'postgres'), ['--version'], { uid: postgres.uid, gid: postgres.gid, encoding: 'utf8' });
    expect(runs.stdout).toMatch(/PostgreSQL/);
  }, 120_000);

  it('says in one line why it cannot start when its port is taken, and leaves nothing behind', async () => {
    const dir = join(privateFolder(), 'data', 'pg');
    const port = await freePort();
    const squatter: Server = await new Promise((resolve) => {
      const s = createServer().listen(port, '127.0.0.1', () => resolve(s));
    });
    try {
      const started = startEmbeddedPostgres({ dir, port, database: 'minato_embedded', persistent: false });
      await expect(started).rejects.toThrow(EmbeddedPostgresError);
      const message = await started.catch((e: Error) => e.message);
      expect(message).toBe(
        `The embedded PostgreSQL cannot start: port ${port} on 127.0.0.1 is already in use by another program: stop it, or set MINATO_EMBEDDED_PG_PORT to a free port`,
      );
      expect(lstatSync(dir, { throwIfNoEntry: false })).toBeUndefined();
    } finally {
      squatter.close();
    }
  }, 120_000);
});
