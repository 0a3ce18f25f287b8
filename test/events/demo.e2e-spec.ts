import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { TestApp } from '../harness/harness.js';
import { UPCOMING_EDITIONS, upcoming } from '../../src/modules/events/infrastructure/events.demo.js';
import { REGISTER } from './events.fixtures.js';

const LIST = `query($filter: EventFilter) { events(filter: $filter, first: 50) { totalCount edges { node {
  id kind title description status startsAt endsAt capacity feeYen allocation meetingPoint applicationDeadline
  venue { name address } program { title description } speakers { name affiliation title }
  organizer { name } region { code } } } } }`;

describe('the events demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    // Seeders run in order and each is recorded once done: identity (10) and events (30) are
    // what this file checks, so a later module's seeder failing must not hide them.
    await t.app.get(DemoRegistry).run().catch(() => undefined);
    const loaded = await t.sql(`SELECT name FROM platform.demo_seed WHERE name IN ('identity.kesennuma', 'events.kesennuma') ORDER BY name`);
    expect(loaded).toEqual([{ name: 'events.kesennuma' }, { name: 'identity.kesennuma' }]);
  });
  afterAll(() => t.close());

  it('holds the two events of the press release, COMPLETED with their real dates, and an upcoming OPEN edition of each', async () => {
    const region = (await t.anonymous().ok(`{ regions { id code } }`)).regions.find((r: { code: string }) => r.code === 'kesennuma');
    const events = (await t.anonymous().ok(LIST, { filter: { regionId: region.id } })).events.edges.map((e: any) => e.node);
    expect(events.map((e: any) => [e.kind, e.status, e.startsAt, e.allocation, e.capacity])).toEqual([
      ['BRIEFING', 'COMPLETED', '2025-09-05T10:00:00.000Z', 'FIRST_COME', 60],
      ['TOUR', 'COMPLETED', '2025-10-24T01:00:00.000Z', 'LOTTERY', 20],
      // 2027-02-19 19:00 and 2027-04-23 10:00 JST, moved on by whole years once they are near.
      ['BRIEFING', 'OPEN', upcoming(UPCOMING_EDITIONS[0]).startsAt.toISOString(), 'FIRST_COME', 60],
      ['TOUR', 'OPEN', upcoming(UPCOMING_EDITIONS[1]).startsAt.toISOString(), 'LOTTERY', 20],
    ]);
    const [tokyo, tour] = events;
    expect(tokyo).toMatchObject({
      endsAt: '2025-09-05T11:30:00.000Z',
      feeYen: 0,
      venue: { name: 'MY Shokudo Hall & Kitchen', address: '東京都千代田区大手町2-6-4 TOKYO TORCH 常盤橋タワー3F' },
      organizer: { name: 'JOINS株式会社' },
      region: { code: 'kesennuma' },
    });
    expect(tokyo.program.map((p: any) => p.title)).toEqual(['第1部:セカンドキャリアと気仙沼について', '第2部:今後のプロジェクトについて']);
    expect(tokyo.program[1].description).toContain('QA');
    expect(tokyo.speakers).toEqual([
      { name: '尾形 庄衛', affiliation: '気仙沼市 けせんぬま創生戦略室', title: '室長補佐' },
      { name: '栗山 麗子', affiliation: '気仙沼ビズ', title: 'センター長' },
      { name: '猪尾 愛隆', affiliation: 'JOINS', title: '代表取締役' },
      { name: '宮本 早織', affiliation: 'カヤック ちいき資本主義事業部「スマウト」', title: '事業責任者' },
    ]);
    expect(tokyo.description).toContain('主催:JOINS株式会社・株式会社カヤック・気仙沼市役所・気仙沼ビズ');
    expect(tour).toMatchObject({ meetingPoint: '一ノ関駅', endsAt: '2025-10-25T08:00:00.000Z' });
    expect(tour.program.map((p: any) => p.title)).toContain('地域事業者との無料マッチング');
  });

  it('lets a new user register for the upcoming editions', async () => {
    const events = (await t.anonymous().ok(LIST, { filter: { statuses: ['OPEN'] } })).events.edges.map((e: any) => e.node);
    const newcomer = await t.candidate('新しい人');
    const statuses = [];
    for (const event of events) statuses.push((await newcomer.ok(REGISTER, { id: event.id })).registerForEvent.status);
    expect(statuses).toEqual(['CONFIRMED', 'APPLIED']);
    const demoCandidate = await t.signIn('candidate@minato.example', 'minato-demo-2025');
    expect((await demoCandidate.ok(REGISTER, { id: events[0].id })).registerForEvent).toMatchObject({ status: 'CONFIRMED', attendeeDisplayName: '佐藤 真理子' });
  });
});
