import { BulkRegistry, isSelective, type PlanReport } from '#libs/demo/bulk-seeder.js';
import { TestApp } from '../harness/harness.js';

/**
 * At 100,000 opportunities, after ANALYZE: selective searches stay on indexes on any
 * PostgreSQL ≥ 15, and the bigram prefilter loses no match. Which plan a planner picks for
 * a search matching a fifth of the table is its own business (a sequential scan may be
 * right), and how fast each search answers is measured by `npm run bench:search`, not here.
 */
describe('opportunity search at 100,000 rows', () => {
  let t: TestApp;
  let reports: PlanReport[];
  beforeAll(async () => {
    t = await TestApp.start();
    const bulk = t.app.get(BulkRegistry);
    await bulk.get('regions')!.generate(8, () => undefined);
    await bulk.get('opportunities')!.generate(100_000, () => undefined); // ends with ANALYZE
    reports = await bulk.get('opportunities')!.explain!();
  }, 300_000);
  afterAll(() => t.close());

  it('reads selective searches (one employer, two rare terms) through indexes, pages and counts alike', () => {
    const selective = reports.filter(isSelective);
    // The cases are chosen so that these are selective at this size; if not, the test data changed.
    expect(selective.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/one employer — page/),
        expect.stringMatching(/one employer — totalCount/),
        expect.stringMatching(/ＤＸ 唐桑.*— page/),
        expect.stringMatching(/ＤＸ 唐桑.*— totalCount/),
      ]),
    );
    for (const r of selective) {
      expect({ name: r.name, matched: r.matched, usesIndexes: r.usesIndexes, plan: r.usesIndexes ? [] : r.plan }).toEqual({
        name: r.name,
        matched: r.matched,
        usesIndexes: true,
        plan: [],
      });
    }
  });

  it('finds through the API exactly what a full scan with LIKE finds', async () => {
    const [{ n: expected }] = await t.sql(
      `SELECT count(*)::int AS n FROM careers.opportunity WHERE status = 'PUBLISHED' AND lower(normalize(title || ' ' || description, NFKC)) LIKE '%マーケ%'`,
    );
    expect(expected).toBeGreaterThan(1000);
    const res = await t.anonymous().ok(`{ opportunities(filter: { text: "マーケ" }, first: 5) { totalCount edges { node { title description } } } }`);
    expect(res.opportunities.totalCount).toBe(expected);
    for (const { node } of res.opportunities.edges) expect(node.title + node.description).toContain('マーケ');
  });

  it('finds two full-width terms in any order and width, as the full scan does', async () => {
    const [{ n: expected }] = await t.sql(
      `SELECT count(*)::int AS n FROM careers.opportunity
        WHERE status = 'PUBLISHED' AND lower(normalize(title || ' ' || description, NFKC)) LIKE '%dx%'
          AND lower(normalize(title || ' ' || description, NFKC)) LIKE '%大島%'`,
    );
    expect(expected).toBeGreaterThan(0);
    const res = await t.anonymous().ok(`{ opportunities(filter: { text: "大島　ｄｘ" }, first: 3) { totalCount } }`);
    expect(res.opportunities.totalCount).toBe(expected);
  });
});
