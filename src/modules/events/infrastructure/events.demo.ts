import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AccountKind, Caller, MembershipRole } from '#libs/auth/caller.js';
import { AllocationPolicy, EventKind } from '#libs/contracts/events/enums.js';
import { FindAccountByEmailQuery, FindRegionByCodeQuery, ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import {
  CloseEventRegistrationCommand,
  OpenEventRegistrationCommand,
} from '../application/commands/change-event-status/change-event-status.command.js';
import { CheckInAttendeeCommand } from '../application/commands/check-in-attendee/check-in-attendee.command.js';
import { CompleteEventCommand } from '../application/commands/complete-event/complete-event.command.js';
import { RegisterForEventCommand } from '../application/commands/register-for-event/register-for-event.command.js';
import { CreateEventCommand } from '../application/commands/create-event/create-event.command.js';
import type { EventDetails, Speaker } from '../domain/event.aggregate.js';

const ORGANIZER = 'JOINS株式会社';
const ORGANIZERS_LINE = '主催:JOINS株式会社・株式会社カヤック・気仙沼市役所・気仙沼ビズ';

/** The four speakers of the Tokyo briefing (press release of 2025-08-22). */
const SPEAKERS: Speaker[] = [
  { name: '尾形 庄衛', affiliation: '気仙沼市 けせんぬま創生戦略室', title: '室長補佐' },
  { name: '栗山 麗子', affiliation: '気仙沼ビズ', title: 'センター長' },
  { name: '猪尾 愛隆', affiliation: 'JOINS', title: '代表取締役' },
  { name: '宮本 早織', affiliation: 'カヤック ちいき資本主義事業部「スマウト」', title: '事業責任者' },
];

const TOKYO_VENUE = { name: 'MY Shokudo Hall & Kitchen', address: '東京都千代田区大手町2-6-4 TOKYO TORCH 常盤橋タワー3F', online: false };
const KESENNUMA_AREA = { name: '気仙沼市内', address: '宮城県気仙沼市', online: false };

const at = (iso: string) => new Date(iso);

const TOKYO_2025: EventDetails = {
  kind: EventKind.BRIEFING,
  title: '気仙沼セカンドキャリア聖地化プロジェクト 東京説明会',
  description: [
    '「セカンドキャリア聖地を目指す!関係人口創出プロジェクト」のキックオフとして、気仙沼でのセカンドキャリアに関心のある方を対象とした説明会を東京で開催します。',
    'プロボノ・副業・転職・起業など多様な「セカンドキャリア」の働き方と、気仙沼の自然や食、産業の魅力をお伝えします。',
    ORGANIZERS_LINE,
    '詳細: https://smout.jp/plans/23607',
  ].join('\n'),
  startsAt: at('2025-09-05T19:00:00+09:00'),
  endsAt: at('2025-09-05T20:30:00+09:00'),
  venue: TOKYO_VENUE,
  meetingPoint: null,
  capacity: 60,
  feeYen: 0,
  allocation: AllocationPolicy.FIRST_COME,
  applicationDeadline: null,
  program: [
    {
      startsAt: null,
      title: '第1部:セカンドキャリアと気仙沼について',
      description: '・セカンドキャリアと地域の親和性\n・気仙沼は聖地になれるポテンシャルがあるまち\n・プロボノ、副業、起業等の実践事例',
    },
    {
      startsAt: null,
      title: '第2部:今後のプロジェクトについて',
      description: '・モニターツアー(ツアーで関わる先の候補)のご案内、皆様のご意見ヒアリング\n・QA',
    },
  ],
  speakers: SPEAKERS,
};

const TOUR_PROGRAM = [
  { startsAt: null, title: 'セカンドキャリアの聖地をめざす気仙沼ご案内ツアー', description: null },
  { startsAt: null, title: '地域事業者による一歩先行く取り組みプロジェクト発表', description: null },
  { startsAt: null, title: '地域事業者見学', description: null },
  { startsAt: null, title: '事業者・参加者交流', description: null },
  { startsAt: null, title: '地域事業者との無料マッチング', description: null },
];

const TOUR_2025: EventDetails = {
  kind: EventKind.TOUR,
  title: '気仙沼ツアー(セカンドキャリア特別フィールドツアー)',
  description: [
    'セカンドキャリアを考え始めた方に向けた特別フィールドツアーです。気仙沼市内をご案内し、地域事業者の取り組みの発表・見学、事業者と参加者の交流、地域事業者との無料マッチングを行います。',
    '申し込み多数の場合は抽選とさせていただきます。行程詳細は確定次第ご案内させていただきます。',
    ORGANIZERS_LINE,
    '「スマウト」特集ページ:気仙沼で始めるセカンドキャリア https://lab.smout.jp/special/kesennuma-second-career',
  ].join('\n'),
  startsAt: at('2025-10-24T10:00:00+09:00'),
  endsAt: at('2025-10-25T17:00:00+09:00'),
  venue: KESENNUMA_AREA,
  meetingPoint: '一ノ関駅',
  capacity: 20,
  feeYen: 0,
  allocation: AllocationPolicy.LOTTERY,
  applicationDeadline: null,
  program: TOUR_PROGRAM,
  speakers: [],
};

const TOKYO_2027: EventDetails = {
  ...TOKYO_2025,
  title: '気仙沼セカンドキャリア聖地化プロジェクト 第2回 東京説明会',
  description: [
    '2025年9月の東京説明会・10月の気仙沼ツアーに続く第2回の説明会です。プロボノ・副業・転職・起業で気仙沼と関わり始めた方々の実践事例と、春の気仙沼ツアーをご案内します。',
    '定員60名(先着)/参加費無料。',
    ORGANIZERS_LINE,
  ].join('\n'),
  startsAt: at('2027-02-19T19:00:00+09:00'),
  endsAt: at('2027-02-19T20:30:00+09:00'),
  applicationDeadline: at('2027-02-18T23:59:00+09:00'),
  program: [
    {
      startsAt: at('2027-02-19T19:00:00+09:00'),
      title: '第1部:セカンドキャリアと気仙沼について',
      description: '・気仙沼で始まったセカンドキャリアの実践事例\n・プロボノ、副業、起業等の働き方',
    },
    {
      startsAt: at('2027-02-19T19:50:00+09:00'),
      title: '第2部:春の気仙沼ツアーのご案内',
      description: '・ツアーで関わる地域事業者のご紹介\n・QA',
    },
  ],
};

const TOUR_2027: EventDetails = {
  ...TOUR_2025,
  title: '春の気仙沼ツアー(セカンドキャリア フィールドツアー)',
  description: [
    '気仙沼市内の地域事業者を訪ね、プロボノ・副業・転職・起業の入り口を一緒に探す1泊2日のツアーです。地域事業者との無料マッチングもあります。',
    '定員20名。申し込み多数の場合は抽選とし、結果はこのサイトで公開します(抽選のシードと結果のダイジェストを公開し、誰でも検証できます)。',
    ORGANIZERS_LINE,
  ].join('\n'),
  startsAt: at('2027-04-23T10:00:00+09:00'),
  endsAt: at('2027-04-24T17:00:00+09:00'),
  applicationDeadline: at('2027-03-31T23:59:00+09:00'),
};

const shiftYears = (d: Date, years: number) => {
  const shifted = new Date(d);
  shifted.setUTCFullYear(d.getUTCFullYear() + years);
  return shifted;
};

/**
 * An upcoming edition as of `now`: its planned 2027 dates, moved on by whole years once they
 * come within two weeks, so a freshly loaded demo always has events one can register for.
 */
export function upcoming(details: EventDetails, now = new Date()): EventDetails {
  const closes = details.applicationDeadline ?? details.startsAt;
  let years = 0;
  while (shiftYears(closes, years).getTime() < now.getTime() + 14 * 24 * 3600 * 1000) years++;
  if (years === 0) return details;
  return {
    ...details,
    startsAt: shiftYears(details.startsAt, years),
    endsAt: shiftYears(details.endsAt, years),
    applicationDeadline: details.applicationDeadline && shiftYears(details.applicationDeadline, years),
    program: details.program.map((item) => ({ ...item, startsAt: item.startsAt && shiftYears(item.startsAt, years) })),
  };
}

export const UPCOMING_EDITIONS = [TOKYO_2027, TOUR_2027];

/**
 * Demo candidates at the 2025 Tokyo briefing, replayed at its time: they registered in
 * August and three came (yumi@ registered and did not come), so their journeys, matching's
 * "attended an event there" and insights start where the press release's programme began.
 */
const TOKYO_2025_ATTENDEES: Array<{ email: string; came: boolean }> = [
  { email: 'candidate@minato.example', came: true },
  { email: 'kenichi@minato.example', came: true },
  { email: 'masato@minato.example', came: true },
  { email: 'yumi@minato.example', came: false },
];
const TOKYO_2025_REGISTERED_AT = at('2025-08-20T12:00:00+09:00');
const TOKYO_2025_CHECK_IN_AT = at('2025-09-05T18:45:00+09:00');

/**
 * The Kesennuma events: the Tokyo briefing and the tour of the press release as they were
 * (COMPLETED, with their real dates, programme and speakers), and an upcoming OPEN edition
 * of each that a new user can register for. Runs as JOINS staff, the way its staff would.
 */
@Injectable()
export class EventsDemoSeeder extends DemoSeeder {
  readonly name = 'events.kesennuma';
  readonly order = 30;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async seed(): Promise<void> {
    const region = await this.queries.execute(new FindRegionByCodeQuery('kesennuma'));
    const joins = region && (await this.queries.execute(new ListOrganizationsQuery(region.id))).find((o) => o.name === ORGANIZER);
    if (!region || !joins) throw new Error(`The events demo needs the identity demo (region kesennuma, ${ORGANIZER}) loaded first`);
    // Events are run by the organizer's staff only (not even an ADMIN): act as JOINS staff.
    const staff = new Caller('00000000-0000-0000-0000-000000000000', AccountKind.STAFF, 'demo loader', '', [
      { organizationId: joins.id, regionId: region.id, role: MembershipRole.OWNER, capabilities: joins.capabilities },
    ]);
    const create = async (details: EventDetails) =>
      (await this.commands.execute(new CreateEventCommand(staff, joins.id, details))).eventId;

    for (const past of [TOKYO_2025, TOUR_2025]) {
      const eventId = await create(past);
      await this.commands.execute(new OpenEventRegistrationCommand(staff, eventId));
      if (past === TOKYO_2025) await this.attend(staff, eventId);
      await this.commands.execute(new CloseEventRegistrationCommand(staff, eventId));
      await this.commands.execute(new CompleteEventCommand(staff, eventId));
    }
    for (const edition of UPCOMING_EDITIONS) {
      await this.commands.execute(new OpenEventRegistrationCommand(staff, await create(upcoming(edition))));
    }
  }

  /** The demo candidates of the 2025 briefing: registered in August, checked in on the evening. */
  private async attend(staff: Caller, eventId: string): Promise<void> {
    for (const { email, came } of TOKYO_2025_ATTENDEES) {
      const account = await this.queries.execute(new FindAccountByEmailQuery(email));
      if (!account) continue;
      const attendee = new Caller(account.id, account.kind as AccountKind, account.displayName, account.email, []);
      const registration = await this.commands.execute(new RegisterForEventCommand(attendee, eventId, TOKYO_2025_REGISTERED_AT));
      if (came) await this.commands.execute(new CheckInAttendeeCommand(staff, registration.id, TOKYO_2025_CHECK_IN_AT));
    }
  }
}
