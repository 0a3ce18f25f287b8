import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__MINATO_EMBEDDED__ as { stop(): Promise<void> } | undefined;
  if (embedded) {
    await embedded.stop();
    return;
  }
  const adminUrl = process.env.MINATO_TEST_ADMIN_URL;
  if (!adminUrl) return;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'minato_test_template'`);
    if (found.rowCount) {
      await client.query(`ALTER DATABASE minato_test_template WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE minato_test_template WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
