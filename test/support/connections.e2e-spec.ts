import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, TestApp } from '../harness/harness.js';
import { OUTCOME, REQUEST, inHours, offer, requestInput } from './support.fixtures.js';

const isCount = (sql: string) => /\bcount\s*\(/i.test(sql);

/** Every support connection counts only when the client selects totalCount. */
describe('support connections', () => {
  let t: TestApp;
  let biz: Client & { organizationId: string; regionId: string };
  let person: Client;

  beforeAll(async () => {
    t = await TestApp.start();
    biz = await t.staff(['CAREERS_MANAGE']);
    await offer(biz, { startsAt: [inHours(30), inHours(31), inHours(32)] });
    person = await t.candidate();
    for (let i = 0; i < 3; i++) await person.ok(REQUEST, { input: requestInput(biz.regionId) });
    const c = (await person.ok(REQUEST, { input: requestInput(biz.regionId) })).requestConsultation;
    await biz.ok(OUTCOME, { input: { consultationId: c.id, status: 'DONE' } });
    await t.drainOutbox();
  });
  afterAll(() => t.close());

  it('consultationSlots', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID!) { consultationSlots(filter: { regionId: $r }, first: 1) { ${s} } }`, { r: biz.regionId },
      (d) => d.consultationSlots, 3,
    );
  });

  it('consultationQueue', async () => {
    await expectCountOnlyWhenSelected(
      t, biz, (s) => `query($r: ID!) { consultationQueue(regionId: $r, first: 1) { ${s} } }`, { r: biz.regionId }, (d) => d.consultationQueue, 4,
    );
  });

  /** Journeys and entries have no id: the same check with what they have. */
  async function countOnlyWhenSelected(client: Client, document: (s: string) => string, read: (d: any) => any, expected: number) {
    const page = await t.recordSql(() => client.ok(document('edges { cursor } pageInfo { hasNextPage endCursor }'), { r: biz.regionId }));
    expect(read(page.result).edges.length).toBeGreaterThan(0);
    expect(page.statements.filter(isCount)).toEqual([]);
    const counted = await t.recordSql(() => client.ok(document('totalCount edges { cursor }'), { r: biz.regionId }));
    expect(read(counted.result).totalCount).toBe(expected);
    expect(counted.statements.filter(isCount)).toHaveLength(1);
  }

  it('journeys', async () => {
    await countOnlyWhenSelected(biz, (s) => `query($r: ID!) { journeys(regionId: $r, first: 1) { ${s} } }`, (d) => d.journeys, 1);
  });

  it('Journey.entries', async () => {
    // ACCOUNT_REGISTERED, 4 × CONSULTATION_REQUESTED, CONSULTATION_DONE
    await countOnlyWhenSelected(person, (s) => `query($r: ID!) { myJourney(regionId: $r) { entries(first: 1) { ${s} } } }`, (d) => d.myJourney.entries, 6);
  });

  it('reads the entries of a page of journeys in one statement, and their counts in one more', async () => {
    for (let i = 0; i < 3; i++) await (await t.candidate()).ok(REQUEST, { input: requestInput(biz.regionId) });
    await t.drainOutbox();
    const fromEntries = (statements: string[]) => statements.filter((sql) => /FROM support\.journey_entry/.test(sql));
    const page = await t.recordSql(() => biz.ok(
      `query($r: ID!) { journeys(regionId: $r, first: 10) { edges { node { person { accountId } entries(first: 2) { edges { node { kind } } } } } } }`,
      { r: biz.regionId }));
    const journeys = page.result.journeys.edges;
    expect(journeys.length).toBe(4);
    // Each journey's page is what reading that journey alone gives.
    for (const j of journeys) {
      const alone = (await biz.ok(`query($a: ID!, $r: ID!) { journey(accountId: $a, regionId: $r) { entries(first: 2) { totalCount edges { node { kind } } } } }`,
        { a: j.node.person.accountId, r: biz.regionId })).journey.entries;
      expect(j.node.entries.edges).toEqual(alone.edges);
    }
    expect(fromEntries(page.statements)).toHaveLength(1);

    const counted = await t.recordSql(() => biz.ok(
      `query($r: ID!) { journeys(regionId: $r, first: 10) { edges { node { person { accountId } entries(first: 2) { totalCount } } } } }`,
      { r: biz.regionId }));
    for (const e of counted.result.journeys.edges) {
      const alone = (await biz.ok(`query($a: ID!, $r: ID!) { journey(accountId: $a, regionId: $r) { entries { totalCount } } }`,
        { a: e.node.person.accountId, r: biz.regionId })).journey.entries;
      expect(e.node.entries.totalCount).toBe(alone.totalCount);
      expect(alone.totalCount).toBeGreaterThan(0);
    }
    expect(fromEntries(counted.statements)).toHaveLength(2);
  });
});
