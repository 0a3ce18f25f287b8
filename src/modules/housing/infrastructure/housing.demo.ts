import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AccountKind, Caller, MembershipRole } from '#libs/auth/caller.js';
import { ListingKind, StayStatus } from '#libs/contracts/housing/enums.js';
import { FindAccountByEmailQuery, FindRegionByCodeQuery, ListOrganizationsQuery, type OrganizationView } from '#libs/contracts/identity/queries.js';
import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { newId } from '#libs/ddd/ids.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { BlockListingNightsCommand } from '../application/commands/block-listing-nights/block-listing-nights.command.js';
import { ConfirmStayCommand } from '../application/commands/confirm-stay/confirm-stay.command.js';
import { CreateListingCommand } from '../application/commands/create-listing/create-listing.command.js';
import { PublishListingCommand } from '../application/commands/publish-listing/publish-listing.command.js';
import { RequestStayCommand } from '../application/commands/request-stay/request-stay.command.js';
import type { ListingTerms } from '../domain/listing.aggregate.js';
import { Stay } from '../domain/stay.aggregate.js';
import { HousingRepository } from './housing.repository.js';

const CITY = '気仙沼市';
const YUI = '結デザイン有限会社';
const DEMO_GUEST_EMAIL = 'candidate@minato.example';

const base: Omit<ListingTerms, 'title' | 'description' | 'district' | 'address' | 'capacity'> = {
  layout: null, floorAreaSqm: null, salePriceYen: null, monthlyRentYen: null, nightlyRateYen: null, minNights: null, maxNights: null,
  petsAllowed: false, access: null, photoUrls: [],
};

/** Five fictional places in Kesennuma (addresses invented), managed by the city and 結デザイン. */
const LISTINGS: Array<{ key: string; manager: string; kind: ListingKind; terms: ListingTerms }> = [
  {
    key: 'trial', manager: CITY, kind: ListingKind.TRIAL_STAY,
    terms: {
      ...base,
      title: '唐桑お試し住宅「海の見える家」',
      description: '二地域居住や移住を考える方が、気仙沼の暮らしを3泊から14泊まで試せる市のお試し住宅。家具・家電・寝具つき。唐桑半島の漁港まで徒歩5分、副業先への下見の拠点にどうぞ。',
      district: '気仙沼市唐桑町', address: '気仙沼市唐桑町宿浦1-2-3(架空)', layout: '3DK', floorAreaSqm: 72.5,
      nightlyRateYen: 2000, capacity: 4, minNights: 3, maxNights: 14, access: '気仙沼駅から車で25分、BRT唐桑大沢駅から徒歩10分',
      photoUrls: ['https://example.com/minato/housing/karakuwa-1.jpg', 'https://example.com/minato/housing/karakuwa-2.jpg'],
    },
  },
  {
    key: 'shared', manager: YUI, kind: ListingKind.SHARED_HOUSE,
    terms: {
      ...base,
      title: 'シェアハウス「港のいえ」気仙沼駅前',
      description: '結デザインが運営する、地域で働く人と二地域居住者のためのシェアハウス。個室4室、共用のキッチンとラウンジ。月に数泊だけの利用もできます。',
      district: '気仙沼市古町', address: '気仙沼市古町4-5-6(架空)', layout: '個室4・共用LDK', floorAreaSqm: 120,
      nightlyRateYen: 3500, monthlyRentYen: 45000, capacity: 1, minNights: 1, maxNights: 30, access: '気仙沼駅から徒歩5分',
      photoUrls: ['https://example.com/minato/housing/minato-no-ie.jpg'],
    },
  },
  {
    key: 'sale', manager: CITY, kind: ListingKind.AKIYA_SALE,
    terms: {
      ...base,
      title: '空き家バンク 鹿折の平屋(売買)',
      description: '気仙沼市空き家バンク登録物件。日当たりのよい平屋で、畑として使える庭つき。内装は一部リフォームが必要です。',
      district: '気仙沼市鹿折', address: '気仙沼市東中才7-8(架空)', layout: '4DK', floorAreaSqm: 98.3,
      salePriceYen: 4_800_000, capacity: 5, petsAllowed: true, access: '鹿折唐桑駅から徒歩15分',
    },
  },
  {
    key: 'akiya-rent', manager: CITY, kind: ListingKind.AKIYA_RENT,
    terms: {
      ...base,
      title: '空き家バンク 大島の古民家(賃貸)',
      description: '気仙沼大島の古民家。気仙沼大島大橋で本土と結ばれ、車で通勤できます。海まで歩いて3分。',
      district: '気仙沼市大島', address: '気仙沼市大島字浦の浜9-10(架空)', layout: '5DK', floorAreaSqm: 140,
      monthlyRentYen: 35000, capacity: 6, petsAllowed: true, access: '気仙沼駅から車で20分',
    },
  },
  {
    key: 'rental', manager: YUI, kind: ListingKind.RENTAL,
    terms: {
      ...base,
      title: '内湾エリアの1LDK賃貸',
      description: '内湾の商店街に近い1LDK。二地域居住の拠点に向いた家具つきプランもあります。',
      district: '気仙沼市南町', address: '気仙沼市南町2-11-12(架空)', layout: '1LDK', floorAreaSqm: 40.2,
      monthlyRentYen: 52000, capacity: 2, access: '気仙沼駅から車で5分',
    },
  },
];

const staffOf = (org: OrganizationView) =>
  new Caller('00000000-0000-0000-0000-000000000000', AccountKind.STAFF, 'demo loader', '', [
    { organizationId: org.id, regionId: org.regionId, role: MembershipRole.OWNER, capabilities: org.capabilities },
  ]);

/**
 * Housing demo: five published listings, and on the trial house's calendar a past
 * COMPLETED stay of the demo candidate (佐藤 真理子), an upcoming CONFIRMED one and a block.
 */
@Injectable()
export class HousingDemoSeeder extends DemoSeeder {
  readonly name = 'housing.kesennuma';
  readonly order = 50;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly repo: HousingRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async seed(): Promise<void> {
    const region = await this.queries.execute(new FindRegionByCodeQuery('kesennuma'));
    if (!region) return;
    const orgs = await this.queries.execute(new ListOrganizationsQuery(region.id));
    const ids = new Map<string, string>();
    for (const l of LISTINGS) {
      const org = orgs.find((o) => o.name === l.manager);
      if (!org) continue;
      const { listingId } = await this.commands.execute(new CreateListingCommand(staffOf(org), org.id, l.kind, l.terms));
      await this.commands.execute(new PublishListingCommand(staffOf(org), listingId));
      ids.set(l.key, listingId);
    }
    const city = orgs.find((o) => o.name === CITY);
    const trial = ids.get('trial');
    const account = await this.queries.execute(new FindAccountByEmailQuery(DEMO_GUEST_EMAIL));
    if (!city || !trial || !account) return;
    const today = tokyoToday();
    const guest = { accountId: account.id, displayName: account.displayName, email: account.email, fullName: '佐藤 真理子', phone: '090-1234-5678' };

    // Last month's stay happened before today, so it cannot be requested now: it is written
    // as the history it is (checked in, then completed today: StayCompleted goes out).
    await this.uow.run(async () => {
      const checkIn = addDays(today, -30);
      const past = Stay.restore({
        id: newId(), listingId: trial, organizationId: city.id, regionId: region.id, listingKind: ListingKind.TRIAL_STAY, guest,
        checkIn, checkOut: addDays(checkIn, 5), partySize: 1, purpose: '副業先(港町水産)の下見', priceYen: 5 * 2000,
        status: StayStatus.CHECKED_IN, createdAt: new Date(), updatedAt: new Date(), version: 0,
      });
      past.complete(today);
      await this.repo.saveStay(past);
    });

    const candidate = new Caller(account.id, AccountKind.CANDIDATE, account.displayName, account.email, []);
    const checkIn = addDays(today, 14);
    const { stayId } = await this.commands.execute(
      new RequestStayCommand(candidate, trial, { checkIn, checkOut: addDays(checkIn, 4), partySize: 1, purpose: '副業の打ち合わせと地域の行事に参加' }, {
        fullName: guest.fullName, phone: guest.phone,
      }),
    );
    await this.commands.execute(new ConfirmStayCommand(staffOf(city), stayId));
    await this.commands.execute(
      new BlockListingNightsCommand(staffOf(city), trial, { start: addDays(today, 25), end: addDays(today, 28) }, '水回りの点検'),
    );
  }
}
