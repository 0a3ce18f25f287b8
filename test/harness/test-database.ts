import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';

export const TEMPLATE_DB = 'minato_test_template';

/** Refuses any database whose name does not say it is for tests. */
export function assertTestDatabase(name: string): void {
  if (!name.includes('test')) throw new Error(`Refusing to touch database "${name}": its name lacks "test"`);
}

/** The URL of `database` on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs SQL on the server's maintenance database. */
export async function onServer<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The admin URL set by the global setup (the maintenance database of the test server). */
export function testServerAdminUrl(): string {
  const url = process.env.MINATO_TEST_ADMIN_URL;
  if (!url) throw new Error('MINATO_TEST_ADMIN_URL is not set: run the tests through jest (globalSetup)');
  return url;
}

/**
 * Creates and migrates the template database once per run; every test file clones it.
 * An advisory lock makes the first file do it while the others wait.
 */
export async function ensureTemplate(adminUrl: string): Promise<void> {
  await onServer(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(20251122)');
    try {
      const found = await client.query(`SELECT datistemplate FROM pg_database WHERE datname = $1`, [TEMPLATE_DB]);
      if (found.rows[0]?.datistemplate === true) return;
      if (found.rowCount) await client.query(`DROP DATABASE ${TEMPLATE_DB} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
      const dataSource = new DataSource({ type: 'postgres', url: withDatabase(adminUrl, TEMPLATE_DB), migrations });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
      // Marks it complete: a run interrupted mid-migration leaves a database that is redone.
      await client.query(`ALTER DATABASE ${TEMPLATE_DB} WITH IS_TEMPLATE true`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(20251122)');
    }
  });
}
