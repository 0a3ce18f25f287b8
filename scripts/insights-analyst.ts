import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '#libs/config/config.js';
import { ANALYST_ROLE_SQL } from '../migrations/1765300000000-insights.js';

/**
 * A login for an analyst's own tool (Metabase, Excel, psql) that can read only the
 * documented insights views (README, "Insights for analysts"):
 *
 *   npm run insights:analyst -- --user metabase [--password <secret>]
 *
 * Connects to DATABASE_URL, or to the embedded database while `npm start` runs. Needs a
 * user allowed to create roles (the embedded database's is). Prints the new login's URL.
 */
export async function createAnalystLogin(client: pg.Client, user: string, password: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user)) throw new Error('--user: lower-case letters, digits and _ only, at most 63');
  await client.query(ANALYST_ROLE_SQL);
  const found = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = 'minato_analyst'`);
  if (found.rowCount === 0) throw new Error('the role minato_analyst could not be created: run this as a user with CREATEROLE');
  const role = client.escapeIdentifier(user);
  // An existing role is only ever an earlier analyst login: never the app's own user, a superuser or any other role.
  const existing = await client.query<{ unsafe: boolean }>(
    `SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls OR r.rolname = current_user
            OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                        WHERE m.member = r.oid AND g.rolname <> 'minato_analyst') AS unsafe
       FROM pg_roles r WHERE r.rolname = $1`,
    [user],
  );
  if (existing.rows[0]?.unsafe) throw new Error(`--user: ${user} is an existing role that is not an analyst login; choose another name`);
  const exists = existing.rowCount! > 0;
  await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(password)}`);
  await client.query(`GRANT minato_analyst TO ${role}`);
  const [{ db }] = (await client.query<{ db: string }>(`SELECT current_database() AS db`)).rows;
  await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO ${role}`);
}

function databaseUrl(): string {
  const config = loadConfig();
  if (config.databaseUrl) return config.databaseUrl;
  const password = readFileSync(join(config.dataDir, 'pg.password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPgPort}/minato`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { user: { type: 'string' }, password: { type: 'string' } } });
  if (!values.user) throw new Error('usage: npm run insights:analyst -- --user <name> [--password <secret>]');
  const password = values.password ?? randomBytes(18).toString('base64url');
  const url = new URL(databaseUrl());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await createAnalystLogin(client, values.user, password);
  } finally {
    await client.end();
  }
  url.username = values.user;
  url.password = password;
  console.log(`analyst login ready; it reads only the insights views:\n  ${url.toString()}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: Error) => {
    console.error(`insights:analyst: ${error.message}`);
    process.exit(1);
  });
}
