import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Capability } from '#libs/auth/caller.js';
import { ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { BulkSeeder, type PlanReport } from '#libs/demo/bulk-seeder.js';
import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { buildListingSearch, type ListingCriteria } from './housing.read-model.js';

const PLACES = ['唐桑町', '大島', '本吉町', '鹿折', '南町', '魚町', '内湾', '松岩', '階上', '新月'];
const WORDS = ['海の見える', '古民家', '駅近', '庭つき', '漁港そば', '家具つき', '眺望良好', '静かな', 'リフォーム済み', '薪ストーブ'];
const KINDS = ['TRIAL_STAY', 'SHARED_HOUSE', 'AKIYA_SALE', 'AKIYA_RENT', 'RENTAL'];

/**
 * Many fictional listings and stays, inserted in SQL batches straight into housing's tables
 * (no outbox events: rows for benchmarks and query plans), spread over every organization
 * with HOUSING_MANAGE. Stays: CONFIRMED ones on bookable listings, one every 10 days of the
 * next 180 (their holds written by the table's trigger), so availability has work to do.
 */
@Injectable()
export class HousingBulkSeeder extends BulkSeeder {
  readonly kind = 'listings';

  constructor(
    private readonly uow: UnitOfWork,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async generate(count: number, log: (message: string) => void): Promise<number> {
    const db = this.uow.manager;
    const orgs = (await this.queries.execute(new ListOrganizationsQuery())).filter((o) => o.capabilities.includes(Capability.HOUSING_MANAGE));
    if (orgs.length === 0) throw new Error('No organization with HOUSING_MANAGE: create one (or run the demo) first');
    let [{ n: existing }] = await db.query('SELECT count(*)::int AS n FROM housing.listing');
    const batch = 5_000;
    while (existing < count) {
      const size = Math.min(batch, count - existing);
      await db.query(
        `INSERT INTO housing.listing (id, organization_id, region_id, kind, status, title, description, district, address, layout,
           floor_area_sqm, sale_price_yen, monthly_rent_yen, nightly_rate_yen, capacity, min_nights, max_nights, pets_allowed, access,
           photo_urls, published_at, created_at, updated_at, version)
         SELECT gen_random_uuid(), o.id, o.region_id, t.kind, t.status,
                ($3::text[])[1 + (g * 7) % 10] || ($2::text[])[1 + g % 10] || 'の家 #' || g,
                'ベンチマーク用の架空の物件です。' || ($3::text[])[1 + (g * 3) % 10] || '住まいで、' || ($2::text[])[1 + (g * 11) % 10] || 'の暮らしを試せます。',
                '気仙沼市' || ($2::text[])[1 + g % 10], '気仙沼市' || ($2::text[])[1 + g % 10] || g || '(架空)', '3DK', 60 + g % 80,
                CASE WHEN t.kind = 'AKIYA_SALE' THEN 1000000 + (g % 50) * 100000 END,
                CASE WHEN t.kind IN ('AKIYA_RENT', 'RENTAL', 'SHARED_HOUSE') THEN 20000 + (g % 40) * 1000 END,
                CASE WHEN t.kind IN ('TRIAL_STAY', 'SHARED_HOUSE') THEN 1500 + (g % 20) * 250 END,
                1 + g % 6,
                CASE WHEN t.kind IN ('TRIAL_STAY', 'SHARED_HOUSE') THEN 1 + g % 3 END,
                CASE WHEN t.kind IN ('TRIAL_STAY', 'SHARED_HOUSE') THEN 14 END,
                g % 3 = 0, '気仙沼駅から車で' || (5 + g % 30) || '分', '{}',
                CASE WHEN t.status = 'PUBLISHED' THEN t.at END, t.at, t.at, 1
           FROM (SELECT g, ($4::text[])[1 + g % 5] AS kind, CASE WHEN g % 9 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END AS status,
                        now() - make_interval(mins => g) AS at
                   FROM generate_series($1::int + 1, $1::int + $5::int) AS g) AS t
           JOIN (SELECT * FROM unnest($6::uuid[], $7::uuid[]) WITH ORDINALITY AS x(id, region_id, n)) AS o
             ON o.n = 1 + t.g % $8::int`,
        [existing, PLACES, WORDS, KINDS, size, orgs.map((o) => o.id), orgs.map((o) => o.regionId), orgs.length],
      );
      existing += size;
      log(`listings: ${existing}`);
    }
    // Stays on bookable listings without any yet: 3 nights every 10 days over the next 180.
    const today = tokyoToday();
    const [{ n: stays }] = await db.query(
      `WITH inserted AS (
         INSERT INTO housing.stay (id, listing_id, region_id, organization_id, listing_kind, guest_account_id, guest_display_name,
           guest_email, guest_full_name, guest_phone, check_in, check_out, party_size, purpose, price_yen, status, created_at, updated_at, version)
         SELECT gen_random_uuid(), l.id, l.region_id, l.organization_id, l.kind, gen_random_uuid(), 'ベンチ利用者', 'bench@minato.example',
                '架空 太郎', '090-0000-0000', $1::date + d, $1::date + d + 3, 1, NULL, 3 * l.nightly_rate_yen, 'CONFIRMED', now(), now(), 1
           FROM housing.listing l, generate_series(1, 171, 10) AS d
          WHERE l.kind IN ('TRIAL_STAY', 'SHARED_HOUSE') AND l.status = 'PUBLISHED'
            AND NOT EXISTS (SELECT 1 FROM housing.stay s WHERE s.listing_id = l.id)
         RETURNING 1)
       SELECT count(*)::int AS n FROM inserted`,
      [today],
    );
    log(`stays: ${stays} added`);
    await db.query('ANALYZE housing.listing');
    await db.query('ANALYZE housing.stay');
    await db.query('ANALYZE housing.night_hold');
    return existing;
  }

  override async explain(): Promise<PlanReport[]> {
    const db = this.uow.manager;
    const [{ region_id: regionId }] = await db.query(`SELECT region_id FROM housing.listing GROUP BY region_id ORDER BY count(*) LIMIT 1`);
    const today = tokyoToday();
    const cases: Array<{ name: string; criteria: ListingCriteria }> = [
      { name: 'public page, region', criteria: { regionId } },
      { name: 'public page, trial stays free for a weekend', criteria: { kinds: ['TRIAL_STAY' as never], availableFrom: addDays(today, 5), availableTo: addDays(today, 8) } },
      { name: 'public page, text 「古民家 鹿折」', criteria: { text: '古民家 鹿折' } },
    ];
    const [{ n: total }] = await db.query(`SELECT count(*)::int AS n FROM housing.listing WHERE status = 'PUBLISHED'`);
    const reports: PlanReport[] = [];
    for (const c of cases) {
      const sql = buildListingSearch(c.criteria, { all: false, organizations: [] }, 20, null);
      const [{ total: matched }] = await db.query(sql.count.text, sql.count.values);
      const rows: Array<{ 'QUERY PLAN': string }> = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql.page.text}`, sql.page.values);
      const plan = rows.map((r) => r['QUERY PLAN']);
      reports.push({ name: `${c.name} — page`, plan, usesIndexes: !plan.some((line) => /Seq Scan on listing/.test(line)), matched, total });
    }
    return reports;
  }
}
