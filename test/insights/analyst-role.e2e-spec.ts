import pg from 'pg';
import { ANALYST_VIEWS } from '../../migrations/1765300000000-insights.js';
import { createAnalystLogin } from '../../scripts/insights-analyst.js';
import { Client, TestApp } from '../harness/harness.js';

const SAVE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`;

/** The door for analysts' own tools: a login that reads the documented views of insights and nothing else. */
describe('the analysts\' read-only role', () => {
  let t: TestApp;
  let analyst: pg.Client;
  const user = `analyst_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const password = 'analyst-secret-0123456789';
  let oneRegion: string;
  let threeRegion: string;

  async function joined(regionId: string): Promise<Client> {
    const c = await t.candidate();
    await c.ok(SAVE, {
      input: {
        fullName: '分析 対象', ageBand: 'FIFTIES', headline: '経験', careerSummary: '経験があります。', skills: [], desiredWorkStyles: ['SIDE_JOB'],
        remoteHoursPerWeek: 1, onsiteDaysPerMonth: 1, desiredRegionIds: [regionId], dualRegionStage: 'EXPLORING',
      },
    });
    return c;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    oneRegion = (await t.region()).id;
    threeRegion = (await t.region()).id;
    await joined(oneRegion);
    for (let i = 0; i < 3; i++) await joined(threeRegion);
    await t.drainOutbox();
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      await createAnalystLogin(admin, user, password);
    } finally {
      await admin.end();
    }
    const url = new URL(t.databaseUrl);
    url.username = user;
    url.password = password;
    analyst = new pg.Client({ connectionString: url.toString() });
    await analyst.connect();
  });

  afterAll(async () => {
    await analyst?.end();
    await t.sql(`REVOKE CONNECT ON DATABASE ${t.database} FROM ${user}`).catch(() => undefined);
    await t.sql(`DROP ROLE IF EXISTS ${user}`).catch(() => undefined);
    await t.close();
  });

  it('reads the documented views, with the same suppression of small counts', async () => {
    const rows = (await analyst.query(`SELECT region_id, signed_up, profile_saved FROM insights.funnel_by_month WHERE region_id = ANY($1::uuid[])`, [[oneRegion, threeRegion]])).rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        { region_id: oneRegion, signed_up: null, profile_saved: null },
        { region_id: threeRegion, signed_up: '3', profile_saved: '3' },
      ]),
    );
    for (const view of ANALYST_VIEWS) await expect(analyst.query(`SELECT * FROM ${view} LIMIT 1`)).resolves.toBeDefined();
  });

  it('never turns an existing role that is not an analyst login into one (the app\'s own user, a superuser)', async () => {
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ me: string }>(`SELECT current_user AS me`);
      await expect(createAnalystLogin(admin, rows[0].me, 'x-0123456789')).rejects.toThrow(/not an analyst login/);
      // Running it again for the analyst login is fine (a new password).
      await expect(createAnalystLogin(admin, user, password)).resolves.toBeUndefined();
    } finally {
      await admin.end();
    }
  });

  it('cannot read the read models behind them, nor any other schema', async () => {
    for (const table of ['insights.person', 'insights.profile', 'insights.registration', 'identity.account', 'matching.candidate_profile', 'careers.opportunity', 'messaging.outbox', 'public.migrations']) {
      await expect(analyst.query(`SELECT * FROM ${table} LIMIT 1`)).rejects.toMatchObject({ code: '42501' });
    }
    await expect(analyst.query(`INSERT INTO insights.state (id) VALUES (true)`)).rejects.toMatchObject({ code: '42501' });
    await expect(analyst.query(`CREATE TABLE insights.mine (x int)`)).rejects.toMatchObject({ code: '42501' });
    // Every table and view of the database, whatever the schema: only the documented views are readable.
    const readable = (
      await t.sql<{ name: string }>(
        `SELECT n.nspname || '.' || c.relname AS name
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND has_table_privilege($1, c.oid, 'SELECT')
          ORDER BY 1`,
        [user],
      )
    ).map((r) => r.name);
    expect(readable).toEqual([...ANALYST_VIEWS].sort());
  });
});
