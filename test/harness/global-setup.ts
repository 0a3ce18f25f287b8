// Jest loads this file natively as an ES module: its relative imports are not transformed
// (a `.js` path would not find the `.ts` file). The embedded server therefore comes from
// libs/database/embedded-postgres.ts (self-contained for this reason), required by path
// through jest's transform hook, which is active while the setup runs. The template
// database is migrated by the first test file (harness.ts).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

type EmbeddedPostgres = typeof import('#libs/database/embedded-postgres.js');

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

/**
 * Once per run: the test server (the one of DATABASE_URL, else an embedded PostgreSQL in
 * a temporary folder, removed when stopped), cleared of test databases an interrupted
 * earlier run left behind.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const { startEmbeddedPostgres } = createRequire(import.meta.url)('../../libs/database/embedded-postgres.ts') as EmbeddedPostgres;
    const dir = mkdtempSync(join(tmpdir(), 'minato-test-'));
    try {
      const server = await startEmbeddedPostgres({
        dir: join(dir, 'pg'),
        port: await freePort(),
        database: 'postgres',
        persistent: false,
        settings: { max_connections: '300', fsync: 'off' },
      });
      (globalThis as Record<string, unknown>).__MINATO_EMBEDDED__ = {
        stop: async () => {
          await server.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
      adminUrl = server.adminUrl;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  process.env.MINATO_TEST_ADMIN_URL = adminUrl;
  // Names this run, for what its test files do once between them (test/harness/build.ts).
  process.env.MINATO_TEST_RUN = randomUUID();

  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const stale = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'minato\\_test\\_%'`);
    for (const { datname } of stale.rows as Array<{ datname: string }>) {
      if (!datname.includes('test')) continue;
      await client.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
