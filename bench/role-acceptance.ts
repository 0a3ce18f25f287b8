/**
 * Benchmark: staff accept 1,000 applications to one role of 60 seats at the same moment,
 * through GraphQL over real HTTP against a listening server — and, in the same run, the
 * same acceptances through the classic transaction on raw pg, for the ratio.
 *
 *   npm run bench:role-acceptance
 *
 * Runs on a throw-away embedded PostgreSQL (or a new database on DATABASE_URL's server).
 * Setup (accounts, applications) is not timed. Two bursts, every request in flight at once:
 *   1. Minato: acceptRoleApplication over HTTP (auth, GraphQL, the policy, then one
 *      statement: community.accept_role_application locks the role, decides, writes the
 *      application and its outbox row);
 *   2. raw pg, Pool(20) as the app's: BEGIN; SELECT … FOR UPDATE the role; SELECT … FOR
 *      UPDATE the application; UPDATE both; INSERT the outbox row; COMMIT.
 * Prints wall time, latency percentiles, the ratio, and the exactness checks: exactly
 * `seats` ACCEPTED (answers and rows), the role's counter equal to its rows, one event per
 * acceptance, the rest refused ROLE_FULL. Only the ratio means much on a shared machine.
 *
 * Knobs: BENCH_APPLICANTS (1000), BENCH_SEATS (60).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { BENCH_PASSWORD, benchApp, benchDatabase, benchOrganization, graphqlClient, type Answer, percentile } from './support.js';

const APPLICANTS = Number(process.env.BENCH_APPLICANTS ?? 1000);
const SEATS = Number(process.env.BENCH_SEATS ?? 60);
const POOL = 20;
const SETUP_CONCURRENCY = 50;

interface Burst {
  wallMs: number;
  latencies: number[];
  accepted: number;
  full: number;
  otherErrors: number;
  rows: { accepted: number; counter: number; events: number };
}

async function burst(ids: readonly string[], work: (id: string) => Promise<'ACCEPTED' | 'ROLE_FULL'>): Promise<Omit<Burst, 'rows'>> {
  const latencies: number[] = [];
  const started = performance.now();
  const outcomes = await Promise.all(
    ids.map(async (id) => {
      const t0 = performance.now();
      try {
        return await work(id);
      } catch {
        return 'ERROR' as const;
      } finally {
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((x, y) => x - y);
  return {
    wallMs,
    latencies,
    accepted: outcomes.filter((o) => o === 'ACCEPTED').length,
    full: outcomes.filter((o) => o === 'ROLE_FULL').length,
    otherErrors: outcomes.filter((o) => o === 'ERROR').length,
  };
}

async function rowsOf(pool: pg.Pool, roleId: string): Promise<Burst['rows']> {
  const { rows } = await pool.query<{ accepted: number; counter: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM community.role_application WHERE role_id = $1 AND status = 'ACCEPTED') AS accepted,
            (SELECT accepted_count FROM community.role WHERE id = $1) AS counter,
            (SELECT count(*)::int FROM messaging.outbox WHERE aggregate_id = $1::text AND type = 'community.role-application.accepted') AS events`,
    [roleId],
  );
  return rows[0];
}

/** The classic transaction by hand on pg: seven round trips, five of them holding the role's lock. */
async function classicAccept(pool: pg.Pool, roleId: string, applicationId: string): Promise<'ACCEPTED' | 'ROLE_FULL'> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [role] = (await client.query('SELECT seats, accepted_count, region_id, organization_id, category, title FROM community.role WHERE id = $1 FOR UPDATE', [roleId])).rows;
    const [app] = (await client.query('SELECT status, account_id FROM community.role_application WHERE id = $1 FOR UPDATE', [applicationId])).rows;
    if (app.status !== 'APPLIED') throw new Error('not APPLIED');
    if (role.accepted_count >= role.seats) {
      await client.query('ROLLBACK');
      return 'ROLE_FULL';
    }
    await client.query('UPDATE community.role SET accepted_count = accepted_count + 1 WHERE id = $1', [roleId]);
    await client.query(`UPDATE community.role_application SET status = 'ACCEPTED', updated_at = now(), version = version + 1 WHERE id = $1`, [applicationId]);
    await client.query(
      `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
       VALUES ($1, 'community.role-application.accepted', 'community', 'CommunityRole', $2, 1, $3, now())`,
      [randomUUID(), roleId, JSON.stringify({ applicationId, roleId, regionId: role.region_id, organizationId: role.organization_id, roleCategory: role.category, roleTitle: role.title, accountId: app.account_id })],
    );
    await client.query('COMMIT');
    return 'ACCEPTED';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function describe(name: string, b: Burst): void {
  const ms = (p: number) => percentile(b.latencies, p).toFixed(0);
  console.log(
    `  ${name.padEnd(15)} wall ${(b.wallMs / 1000).toFixed(2).padStart(6)} s  ${String(Math.round(APPLICANTS / (b.wallMs / 1000))).padStart(5)} req/s` +
      `  latency p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms`,
  );
  console.log(
    `  ${''.padEnd(15)} accepted ${b.accepted} (rows ${b.rows.accepted}, counter ${b.rows.counter}, events ${b.rows.events}), ROLE_FULL ${b.full}, other errors ${b.otherErrors}`,
  );
}

const sound = (b: Burst) =>
  b.accepted === Math.min(SEATS, APPLICANTS) && b.rows.accepted === b.accepted && b.rows.counter === b.accepted &&
  b.rows.events === b.accepted && b.full === APPLICANTS - b.accepted && b.otherErrors === 0;

async function main(): Promise<void> {
  const database = await benchDatabase();
  const { app, endpoint } = await benchApp(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: POOL });
  let failed = false;
  try {
    const { gql, ok } = graphqlClient(endpoint);

    // ---- setup (not timed)
    const { organizationId, staffToken } = await benchOrganization(ok, ['COMMUNITY_MANAGE'], { organization: 'ベンチ受け入れ', staff: '受け入れ担当' });
    const org = { id: organizationId };
    const openRole = async (title: string): Promise<string> => {
      const role = (await ok(`mutation($input: CreateCommunityRoleInput!) { createCommunityRole(input: $input) { id } }`, {
        input: { organizationId: org.id, category: 'FESTIVAL', title, description: '同時承認の計測', hoursPerMonth: 8, onsite: true, seats: SEATS },
      }, staffToken)).createCommunityRole;
      await ok(`mutation($id: ID!) { openCommunityRole(input: { roleId: $id }) { id } }`, { id: role.id }, staffToken);
      return role.id as string;
    };
    const minatoRole = await openRole('ベンチマーク: みなとまつり');
    const rawRole = await openRole('比較用: みなとまつり');

    process.stdout.write(`setting up: ${APPLICANTS} applicants, each applying to both roles, on ${database.where}…\n`);
    const minatoApps: string[] = [];
    const rawApps: string[] = [];
    const APPLY = `mutation($input: ApplyForRoleInput!) { applyForRole(input: $input) { id } }`;
    for (let i = 0; i < APPLICANTS; i += SETUP_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SETUP_CONCURRENCY, APPLICANTS - i) }, (_, k) => i + k);
      await Promise.all(batch.map(async (n) => {
        const { signUp } = await ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
          { input: { email: `applicant-${n}@bench.minato.example`, password: BENCH_PASSWORD, displayName: `応募者${n}` } });
        const input = { motivation: 'お祭りを支えたい', fullName: `応募 ${n}`, phone: '090-0000-0000' };
        minatoApps.push((await ok(APPLY, { input: { ...input, roleId: minatoRole } }, signUp.token)).applyForRole.id);
        rawApps.push((await ok(APPLY, { input: { ...input, roleId: rawRole } }, signUp.token)).applyForRole.id);
      }));
    }
    await Promise.all(Array.from({ length: POOL }, () => pool.query('SELECT 1')));

    const ACCEPT = `mutation($id: ID!) { acceptRoleApplication(input: { applicationId: $id }) { id status } }`;
    console.log(`\nacceptRoleApplication burst: ${APPLICANTS} concurrent acceptances, one role of ${SEATS} seats (${database.where})`);
    const minato: Burst = {
      ...(await burst(minatoApps, async (id) => {
        const answer = await gql(ACCEPT, { id }, staffToken);
        if (answer.errors?.length) {
          if (answer.errors[0].extensions?.reason === 'ROLE_FULL') return 'ROLE_FULL';
          throw new Error(JSON.stringify(answer.errors[0]));
        }
        return 'ACCEPTED';
      })),
      rows: await rowsOf(pool, minatoRole),
    };
    const raw: Burst = { ...(await burst(rawApps, (id) => classicAccept(pool, rawRole, id))), rows: await rowsOf(pool, rawRole) };
    describe('Minato (HTTP)', minato);
    describe(`raw pg Pool(${POOL})`, raw);
    console.log(`  ratio           ${(minato.wallMs / raw.wallMs).toFixed(2)}× raw pg's wall time`);
    if (!sound(minato) || !sound(raw)) {
      console.error('  RESULT INCONSISTENT: seats exceeded, events missing, or requests failed');
      failed = true;
    }
    if (failed) process.exitCode = 1;
  } finally {
    await app.get(OutboxRelay).drain().catch(() => undefined);
    await pool.end();
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
