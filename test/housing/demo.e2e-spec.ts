import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { TestApp } from '../harness/harness.js';

const LIST = `query($filter: ListingFilter) { listings(filter: $filter, first: 50) { totalCount edges { node {
  id kind status title district address capacity minNights maxNights nightlyRateYen manager { name } region { code } } } } }`;

describe('the housing demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(DemoRegistry).run();
  });
  afterAll(() => t.close());

  it('publishes five Kesennuma listings of every kind, managed by 気仙沼市 and 結デザイン, addresses hidden from the public', async () => {
    const region = (await t.anonymous().ok(`{ regions { id code } }`)).regions.find((r: { code: string }) => r.code === 'kesennuma');
    const { listings } = await t.anonymous().ok(LIST, { filter: { regionId: region.id } });
    const nodes = listings.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.kind).sort()).toEqual(['AKIYA_RENT', 'AKIYA_SALE', 'RENTAL', 'SHARED_HOUSE', 'TRIAL_STAY']);
    expect(new Set(nodes.map((n: any) => n.manager.name))).toEqual(new Set(['気仙沼市', '結デザイン有限会社']));
    expect(nodes.every((n: any) => n.status === 'PUBLISHED' && n.address === null)).toBe(true);
    const trial = nodes.find((n: any) => n.kind === 'TRIAL_STAY');
    expect(trial).toMatchObject({ district: '気仙沼市唐桑町', minNights: 3, maxNights: 14, manager: { name: '気仙沼市' } });
  });

  it("shows taken nights on the trial house's calendar: the demo candidate's upcoming confirmed stay and a block", async () => {
    const today = tokyoToday();
    const { listings } = await t.anonymous().ok(LIST, { filter: { kinds: ['TRIAL_STAY'] } });
    const id = listings.edges[0].node.id;
    const { listing } = await t.anonymous().ok(`query($id: ID!, $from: Date!, $to: Date!) { listing(id: $id) { availability(from: $from, to: $to) { start end } } }`, {
      id, from: today, to: addDays(today, 40),
    });
    expect(listing.availability).toEqual([
      { start: today, end: addDays(today, 14) },
      { start: addDays(today, 18), end: addDays(today, 25) },
      { start: addDays(today, 28), end: addDays(today, 40) },
    ]);
    const candidate = await t.signIn('candidate@minato.example', 'minato-demo-2025');
    const { myStays } = await candidate.ok(`{ myStays { status checkIn nights listing { id address } } }`);
    expect(myStays.map((s: any) => [s.status, s.checkIn, s.nights])).toEqual([
      ['COMPLETED', addDays(today, -30), 5],
      ['CONFIRMED', addDays(today, 14), 4],
    ]);
    expect(myStays[1].listing.address).toMatch(/唐桑町/);
    const [completed] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'housing.stay.completed'`);
    expect(completed.payload).toMatchObject({ accountId: candidate.accountId, listingKind: 'TRIAL_STAY', nights: 5 });
  });
});
