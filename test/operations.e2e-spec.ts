import request from 'supertest';
import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { TestApp, codeOf } from './harness/harness.js';

describe('operations', () => {
  describe('in development', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ config: { nodeEnv: 'development' } });
    });
    afterAll(() => t.close());

    it('answers /health and /ready (database reachable, migrations applied)', async () => {
      expect((await request(t.server as never).get('/health')).body).toEqual({ status: 'ok' });
      const ready = await request(t.server as never).get('/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' });
    });

    it('serves an offline IDE at /graphql whose assets come from this server', async () => {
      const page = await request(t.server as never).get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<base href="/altair/">');
      expect(page.text).not.toMatch(/https?:\/\/(cdn|embeddable-sandbox|unpkg|jsdelivr)/);
      const script = /src="(main[^"]*\.js)"/.exec(page.text)![1];
      const asset = await request(t.server as never).get(`/altair/${script}`);
      expect(asset.status).toBe(200);
    });

    it('answers introspection', async () => {
      const res = await t.anonymous().gql(`{ __schema { queryType { name } } }`);
      expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('echoes a request id', async () => {
      const res = await request(t.server as never).get('/health').set('x-request-id', 'abc-123');
      expect(res.headers['x-request-id']).toBe('abc-123');
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await TestApp.start({ config: { nodeEnv: 'production' } });
    });
    afterAll(() => t.close());

    it('refuses introspection and serves no IDE', async () => {
      const res = await t.anonymous().gql(`{ __schema { queryType { name } } }`);
      expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      const page = await request(t.server as never).get('/graphql').set('accept', 'text/html');
      expect(page.text).not.toContain('altair');
      expect((await request(t.server as never).get('/altair')).status).toBe(404);
    });
  });
});

describe('the Kesennuma demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(DemoRegistry).run();
  });
  afterAll(() => t.close());

  it('holds the region and the five partners of the press release with their capabilities', async () => {
    const data = await t.anonymous().ok(`{ regions { id code name prefecture } organizations { name capabilities region { code } } }`);
    expect(data.regions).toEqual([expect.objectContaining({ code: 'kesennuma', name: '気仙沼市', prefecture: '宮城県' })]);
    const byName = Object.fromEntries(data.organizations.map((o: { name: string; capabilities: string[] }) => [o.name, o.capabilities]));
    expect(Object.keys(byName)).toHaveLength(5);
    expect(byName['気仙沼ビジネスサポートセンター(気仙沼ビズ)']).toContain('CAREERS_MANAGE');
    expect(byName['結デザイン有限会社']).toEqual(expect.arrayContaining(['HOUSING_MANAGE', 'COMMUNITY_MANAGE']));
    expect(data.organizations.every((o: { region: { code: string } }) => o.region.code === 'kesennuma')).toBe(true);
  });

  it('lets the README demo logins sign in', async () => {
    for (const email of ['admin@minato.example', 'biz@kesennuma.minato.example', 'candidate@minato.example']) {
      const client = await t.signIn(email, 'minato-demo-2025');
      expect((await client.ok(`{ me { email } }`)).me.email).toBe(email);
    }
    const staff = await t.signIn('kayac@kesennuma.minato.example', 'minato-demo-2025');
    const me = (await staff.ok(`{ me { kind memberships { role organization { name } } } }`)).me;
    expect(me).toEqual({ kind: 'STAFF', memberships: [{ role: 'OWNER', organization: { name: '株式会社カヤック' } }] });
  });

  it('holds employers in all four work styles, most of their opportunities PUBLISHED, and the matching demo', async () => {
    const res = await t.anonymous().ok(`{ employers(first: 50) { totalCount edges { node { name industry } } }
      opportunities(first: 100) { totalCount edges { node { workStyle status } } } }`);
    expect(res.employers.edges.map((e: { node: { industry: string } }) => e.node.industry)).toEqual(
      expect.arrayContaining(['水産加工', '造船・船舶修理', '酒造', '観光', '創業支援']),
    );
    const styles = new Set(res.opportunities.edges.map((e: { node: { workStyle: string } }) => e.node.workStyle));
    expect(styles).toEqual(new Set(['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP']));
    const [{ published, total }] = await t.sql(`SELECT count(*) FILTER (WHERE status = 'PUBLISHED')::int AS published, count(*)::int AS total FROM careers.opportunity`);
    expect(published).toBe(res.opportunities.totalCount);
    expect(published / total).toBeGreaterThan(0.5);

    const kenichi = await t.signIn('kenichi@minato.example', 'minato-demo-2025');
    const matches = (await kenichi.ok(`{ myMatches { stage coordinator { email } history { stage } messages { body } opportunity { title } } }`)).myMatches;
    expect(matches).toEqual([expect.objectContaining({ stage: 'ENGAGED', coordinator: { email: 'joins@kesennuma.minato.example' } })]);
    expect(matches[0].history.map((h: { stage: string }) => h.stage)).toEqual(['MATCHED', 'MEETING', 'TRIAL', 'ENGAGED']);
    const masato = await t.signIn('masato@minato.example', 'minato-demo-2025');
    expect((await masato.ok(`{ myScouts { status sentBy { name } } }`)).myScouts).toEqual([{ status: 'SENT', sentBy: { name: 'JOINS株式会社' } }]);
    const sato = await t.signIn('candidate@minato.example', 'minato-demo-2025');
    const recs = (await sato.ok(`{ recommendedOpportunities(first: 3) { reasons } }`)).recommendedOpportunities;
    expect(recs.length).toBeGreaterThan(0);
    expect(recs[0].reasons.length).toBeGreaterThan(0);
  });

  it('loads only once', async () => {
    expect(await t.app.get(DemoRegistry).run()).toEqual([]);
    expect((await t.anonymous().ok(`{ regions { id } }`)).regions).toHaveLength(1);
  });
});

describe('query depth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('refuses a query that loops through the types deeper than 10 levels, before running it', async () => {
    const loop = `{ employers { edges { node { opportunities { edges { node { employer { opportunities { edges { node { employer { name } } } } } } } } } } } }`;
    const res = await t.anonymous().gql(loop);
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/exceeds maximum operation depth/);
    const screen = `{ employers { edges { node { name opportunities { edges { node { title region { name } } } } } } } }`;
    expect((await t.anonymous().gql(screen)).errors).toBeUndefined();
  });
});

describe('error logs', () => {
  const logs: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ logs });
  });
  afterAll(() => t.close());

  it('answer refusals with their codes without logging them as errors', async () => {
    const candidate = await t.candidate();
    const forbidden = await candidate.gql(`mutation { createRegion(input: { code: "x-region", name: "x", prefecture: "宮城県" }) { id } }`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await candidate.gql(`query { event(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(logs.filter((line) => line.includes('ExceptionsHandler'))).toEqual([]);
  });
});
