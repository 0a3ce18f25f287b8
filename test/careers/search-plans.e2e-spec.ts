import { BulkRegistry } from '../../libs/demo/bulk-seeder.js';
import { TestApp } from '../support/harness.js';

/**
 * At 100,000 opportunities, the searches the API runs stay on indexes (the plans are read
 * from EXPLAIN ANALYZE, not timed), and the bigram prefilter loses no match.
 */
describe('opportunity search at 100,000 rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
    const bulk = t.app.get(BulkRegistry);
    await bulk.get('regions')!.generate(8, () => undefined);
    await bulk.get('opportunities')!.generate(100_000, () => undefined);
  }, 300_000);
  afterAll(() => t.close());

  it('uses indexes for a filtered page, a text search and a skills search, and their counts', async () => {
    const reports = await t.app.get(BulkRegistry).get('opportunities')!.explain!();
    expect(reports.length).toBeGreaterThanOrEqual(8);
    for (const report of reports) {
      const plan = report.plan.join('\n');
      expect({ name: report.name, seqScan: /Seq Scan on opportunity/.test(plan) }).toEqual({ name: report.name, seqScan: false });
      expect(plan).toMatch(/Index Scan|Bitmap Index Scan/);
    }
    const text = reports.filter((r) => r.name.includes('マーケ')).map((r) => r.plan.join('\n')).join('\n');
    expect(text).toContain('opportunity_search');
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
});
