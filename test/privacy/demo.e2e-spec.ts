import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { TestApp } from '../harness/harness.js';
import { MY_RECORDS } from './privacy.fixtures.js';

const MY_CONSENTS = `{ myConsents { purpose organization { name } granted } }`;

const DEMO_PASSWORD = 'minato-demo-2025';

describe('the privacy demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(DemoRegistry).run();
    await t.drainAll();
  });
  afterAll(() => t.close());

  it('gives the demo candidates their consents: MATCHING from their profiles, and their own answers', async () => {
    const consents = async (email: string) => {
      const client = await t.signIn(email, DEMO_PASSWORD);
      return (await client.ok(MY_CONSENTS)).myConsents.map((c: any) => [c.purpose, c.organization?.name ?? null, c.granted]);
    };
    expect(await consents('candidate@minato.example')).toEqual(expect.arrayContaining([
      ['MATCHING', null, true], ['CONSORTIUM_SHARING', null, true], ['NEWSLETTER', null, true],
    ]));
    expect(await consents('kenichi@minato.example')).toEqual(expect.arrayContaining([['MATCHING', null, true], ['NEWSLETTER', null, true]]));
    expect(await consents('naoki@minato.example')).toEqual(expect.arrayContaining([
      ['MATCHING', null, false], ['MATCHING', 'JOINS株式会社', true],
    ]));
  });

  it('gives them the provision records of their matches (and of their other acts) from the demo’s own events', async () => {
    const occasions = new Map<string, string[]>();
    for (const email of ['candidate@minato.example', 'kenichi@minato.example', 'yumi@minato.example', 'masato@minato.example']) {
      const client = await t.signIn(email, DEMO_PASSWORD);
      const records = (await client.ok(MY_RECORDS, { first: 100 })).myProvisionRecords.edges.map((e: any) => e.node);
      occasions.set(email, records.map((r: any) => r.occasion));
      for (const r of records) {
        expect(r.fields.length).toBeGreaterThan(0);
        expect(r.recipient !== null || r.recipientAccount !== null).toBe(true);
      }
    }
    const all = [...occasions.values()].flat();
    expect(all).toContain('match');
    expect(all).toContain('consultation');
  });
});
