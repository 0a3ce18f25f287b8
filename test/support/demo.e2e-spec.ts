import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { TestApp } from '../harness/harness.js';
import { MY_JOURNEY, QUEUE } from './support.fixtures.js';

const DEMO_PASSWORD = 'minato-demo-2025';
const SLOTS = `query($filter: ConsultationSlotFilter!, $first: Int) { consultationSlots(filter: $filter, first: $first) {
  totalCount edges { node { organization { name } topics channel startsAt } } } }`;

describe('the support demo data', () => {
  let t: TestApp;
  let regionId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.get(DemoRegistry).run();
    regionId = (await t.anonymous().ok(`{ regions { id code } }`)).regions.find((r: { code: string }) => r.code === 'kesennuma').id;
  });
  afterAll(() => t.close());

  it('offers slots for the coming weeks: 気仙沼ビズ (WORK), 気仙沼市 (HOUSING, COMMUNITY, RELOCATION), JOINS (WORK, online)', async () => {
    const slots = async (filter: Record<string, unknown>) =>
      (await t.anonymous().ok(SLOTS, { filter: { regionId, ...filter }, first: 100 })).consultationSlots;
    const all = await slots({});
    expect(all.totalCount).toBeGreaterThan(50);
    const joins = (await slots({ channel: 'ONLINE', topics: ['WORK'] })).edges.map((e: any) => e.node.organization.name);
    expect(new Set(joins)).toEqual(new Set(['JOINS株式会社']));
    const city = (await slots({ topics: ['RELOCATION'] })).edges.map((e: any) => e.node.organization.name);
    expect(new Set(city)).toEqual(new Set(['気仙沼市']));
    const biz = (await slots({ channel: 'IN_PERSON', topics: ['WORK'] })).edges.map((e: any) => e.node.organization.name);
    expect(new Set(biz)).toEqual(new Set(['気仙沼ビジネスサポートセンター(気仙沼ビズ)']));
    const starts = all.edges.map((e: any) => new Date(e.node.startsAt).getTime());
    expect(Math.min(...starts)).toBeGreaterThan(Date.now());
  });

  it('gives the demo candidates consultations in the partners\' queues and journeys that come out of the demo\'s events', async () => {
    const city = await t.signIn('city@kesennuma.minato.example', DEMO_PASSWORD);
    const queue = (await city.ok(QUEUE, { regionId })).consultationQueue.edges.map((e: any) => [e.node.person.displayName, e.node.status]);
    expect(queue).toEqual(expect.arrayContaining([['鈴木 由美', 'REQUESTED'], ['田中 健一', 'DONE'], ['田中 健一', 'BOOKED']]));

    const kenichi = await t.signIn('kenichi@minato.example', DEMO_PASSWORD);
    const journey = (await kenichi.ok(MY_JOURNEY, { regionId })).myJourney;
    // The profile says DUAL_REGION (matching's demo); the match was walked to ENGAGED; the city's consultation took place.
    expect(journey.stage).toBe('DUAL_REGION');
    const kinds = journey.entries.edges.map((e: any) => e.node.kind);
    expect(kinds).toEqual(expect.arrayContaining([
      'ACCOUNT_REGISTERED', 'PROFILE_CREATED', 'EVENT_REGISTERED', 'EVENT_ATTENDED', 'MATCH_ESTABLISHED', 'MATCH_ENGAGED', 'CONSULTATION_DONE',
      'CONSULTATION_BOOKED',
    ]));
    // The 2025 Tokyo briefing, replayed at its time.
    const attended = journey.entries.edges.find((e: any) => e.node.kind === 'EVENT_ATTENDED').node;
    expect(attended.at).toBe('2025-09-05T09:45:00.000Z');
    expect(journey.entries.edges.map((e: any) => e.node.summary)).toContain('「工場長候補(転職・移住)」で働くことが決定');

    const sato = await t.signIn('candidate@minato.example', DEMO_PASSWORD);
    const satoJourney = (await sato.ok(MY_JOURNEY, { regionId })).myJourney;
    // A briefing attended, an interest, a stay (housing's demo), a plan (community's demo): the demo's own events.
    expect(satoJourney.entries.edges.map((e: any) => e.node.kind)).toEqual(
      expect.arrayContaining(['EVENT_ATTENDED', 'CONSULTATION_BOOKED', 'INTEREST_EXPRESSED', 'STAY_COMPLETED', 'ONBOARDING_STARTED', 'MENTORSHIP_STARTED']),
    );
    expect(satoJourney.stage).toBe('TRIAL_STAY');
    expect(satoJourney.nextSteps.length).toBeGreaterThan(0);
  });
});
