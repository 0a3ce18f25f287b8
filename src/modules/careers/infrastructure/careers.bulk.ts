import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Capability } from '#libs/auth/caller.js';
import { ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { SAMPLE_SKILLS as SKILLS } from '#libs/demo/sample-data.js';
import { BulkSeeder, type PlanReport } from '#libs/demo/bulk-seeder.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { buildOpportunitySearch, type OpportunityCriteria } from './opportunity-search.js';

const TITLES = [
  'デジタルマーケティング担当', '越境EC立ち上げ支援', '工場の生産管理リーダー', '品質管理アドバイザー', '経理・財務の仕組みづくり',
  '人事制度の設計支援', '法人営業の責任者', '観光ツアーの企画', '広報・PRの戦略づくり', 'ITシステム導入支援',
  '事業承継の経営パートナー', '新商品開発プロジェクト', '物流改善コンサルタント', '採用ブランディング', '英語での海外営業',
  'データ分析による販路開拓', '店舗運営マネージャー', 'DX推進アドバイザー', '補助金申請のサポート', '地域おこしプロジェクトの伴走',
];
const PLACES = ['唐桑', '大島', '本吉', '鹿折', '南町', '魚町', '内湾', '松岩', '階上', '新月'];
const INDUSTRIES = ['水産加工', '造船', '酒造', '観光', '小売', '建設', '農業', '飲食', '物流', '製造'];

/**
 * Many fictional opportunities, inserted in SQL batches straight into careers' tables (no
 * outbox events: these rows exist for benchmarks and query plans, not for the other
 * modules), spread over every organization with CAREERS_MANAGE.
 */
@Injectable()
export class CareersBulkSeeder extends BulkSeeder {
  readonly kind = 'opportunities';

  constructor(
    private readonly uow: UnitOfWork,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async generate(count: number, log: (message: string) => void): Promise<number> {
    const db = this.uow.manager;
    const orgs = (await this.queries.execute(new ListOrganizationsQuery())).filter((o) => o.capabilities.includes(Capability.CAREERS_MANAGE));
    if (orgs.length === 0) throw new Error('No organization with CAREERS_MANAGE: create one (or run the demo) first');
    // Ten bulk employers per organization.
    await db.query(
      `INSERT INTO careers.employer (id, organization_id, region_id, name, industry, description, created_at, version)
       SELECT gen_random_uuid(), o.id, o.region_id, '気仙沼サンプル企業 ' || o.n || '-' || e, ($3::text[])[1 + (e % 10)],
              'ベンチマーク用の架空の事業者です。', now(), 1
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS o(id, region_id, n), generate_series(1, 10) AS e
       ON CONFLICT (region_id, name) DO NOTHING`,
      [orgs.map((o) => o.id), orgs.map((o) => o.regionId), INDUSTRIES],
    );
    const employers: Array<{ id: string; region_id: string }> = await db.query(
      `SELECT id, region_id FROM careers.employer WHERE name LIKE '気仙沼サンプル企業 %' ORDER BY id`,
    );
    let [{ n: existing }] = await db.query('SELECT count(*)::int AS n FROM careers.opportunity');
    const batch = 10_000;
    while (existing < count) {
      const size = Math.min(batch, count - existing);
      await db.query(
        `INSERT INTO careers.opportunity (id, employer_id, region_id, title, description, work_style, skills, skills_norm,
           remote_ok, onsite_days_per_month, compensation, status, published_at, closed_at, created_at, updated_at, version)
         SELECT gen_random_uuid(), emp.id, emp.region_id, t.title, t.description, t.style, t.skills,
                (SELECT array_agg(lower(normalize(s, NFKC))) FROM unnest(t.skills) s),
                t.onsite < 10, t.onsite, '応相談', t.status,
                CASE WHEN t.status IN ('PUBLISHED', 'CLOSED') THEN t.at END, CASE WHEN t.status = 'CLOSED' THEN t.at END,
                t.at, t.at, 1
           FROM (
             SELECT g,
                    ($2::text[])[1 + (g * 7) % array_length($2::text[], 1)] || '(' || ($3::text[])[1 + g % array_length($3::text[], 1)] || ')' AS title,
                    ($3::text[])[1 + (g * 3) % array_length($3::text[], 1)] || 'の事業者が、' || ($2::text[])[1 + (g * 11) % array_length($2::text[], 1)]
                      || 'の経験を持つ方を募集しています。月' || (g % 20) || '日ほどの来訪と、オンラインでの打ち合わせを組み合わせます。' AS description,
                    (ARRAY['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP'])[1 + g % 4] AS style,
                    ARRAY[($4::text[])[1 + g % array_length($4::text[], 1)], ($4::text[])[1 + (g * 7 + 3) % array_length($4::text[], 1)]] AS skills,
                    (g * 13) % 23 AS onsite,
                    CASE WHEN g % 7 = 0 THEN 'DRAFT' WHEN g % 11 = 0 THEN 'CLOSED' ELSE 'PUBLISHED' END AS status,
                    now() - make_interval(mins => g) AS at,
                    g % $5::int AS e
               FROM generate_series($1::int + 1, $1::int + $6::int) AS g
           ) AS t
           JOIN (SELECT id, region_id, (row_number() OVER (ORDER BY id) - 1)::int AS e FROM careers.employer WHERE id = ANY($7::uuid[])) AS emp
             ON emp.e = t.e`,
        [existing, TITLES, PLACES, SKILLS, employers.length, size, employers.map((e) => e.id)],
      );
      existing += size;
      log(`opportunities: ${existing}`);
    }
    await db.query('ANALYZE careers.employer');
    await db.query('ANALYZE careers.opportunity');
    return existing;
  }

  /**
   * EXPLAIN of the searches the API runs, over whatever is in the table, with how many rows
   * each matches: a planner rightly scans the whole table for a search that matches much of
   * it, so only selective searches are expected to stay on indexes.
   */
  override async explain(): Promise<PlanReport[]> {
    const db = this.uow.manager;
    const [{ region_id: regionId }] = await db.query(
      `SELECT region_id FROM careers.opportunity GROUP BY region_id ORDER BY count(*) LIMIT 1`,
    );
    const [{ employer_id: employerId }] = await db.query(
      `SELECT employer_id FROM careers.opportunity WHERE status = 'PUBLISHED' GROUP BY employer_id ORDER BY count(*), employer_id LIMIT 1`,
    );
    const cases: Array<{ name: string; criteria: OpportunityCriteria }> = [
      { name: 'public page, filtered by region, work styles, remote and on-site days', criteria: { regionId, workStyles: ['SIDE_JOB' as never, 'PRO_BONO' as never], remoteOk: true, maxOnsiteDaysPerMonth: 8 } },
      { name: 'public page, region and one work style (the screen people open most)', criteria: { regionId, workStyles: ['SIDE_JOB' as never] } },
      { name: 'public page, one employer', criteria: { employerId } },
      { name: 'public page, text search 「マーケ」', criteria: { text: 'マーケ' } },
      { name: 'public page, text search 「ＤＸ 唐桑」 (full-width, two terms)', criteria: { text: 'ＤＸ 唐桑' } },
      { name: 'public page, skills any of', criteria: { skills: ['事業承継', '補助金'] } },
    ];
    const [{ n: total }] = await db.query(`SELECT count(*)::int AS n FROM careers.opportunity WHERE status = 'PUBLISHED'`);
    const reports: PlanReport[] = [];
    for (const c of cases) {
      const sql = buildOpportunitySearch(c.criteria, { all: false, regions: [] }, 20, null);
      const [{ total: matched }] = await db.query(sql.count.text, sql.count.values);
      for (const [part, q] of [['page', sql.page], ['totalCount', sql.count]] as const) {
        const rows: Array<{ 'QUERY PLAN': string }> = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${q.text}`, q.values);
        const plan = rows.map((r) => r['QUERY PLAN']);
        reports.push({ name: `${c.name} — ${part}`, plan, usesIndexes: !plan.some((line) => /Seq Scan on opportunity/.test(line)), matched, total });
      }
    }
    return reports;
  }
}
