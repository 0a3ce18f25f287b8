import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '#libs/config/config.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { BulkRegistry } from '#libs/demo/bulk-seeder.js';
import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { createLogger } from '#libs/logging/logger.js';
import { createApp } from '../src/app.factory.js';
import { benchDatabase, percentile } from './support.js';

/**
 * npm run bench:recommend — p50/p95 of recommendedOpportunities and recommendedCandidates
 * through GraphQL over HTTP, with about 20,000 published opportunities and 5,000 candidates.
 * A throw-away database (bench/support.ts): embedded in a temporary folder, or a new
 * database on the DATABASE_URL server; loaded on every run and dropped at the end.
 */
// About 77% of generated opportunities are PUBLISHED: 26,000 gives about 20,000 published.
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 26_000);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 5_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

const SKILL_SETS = [
  ['マーケティング', 'EC', '英語'], ['生産管理', '品質管理'], ['経理', '財務'], ['IT', 'DX', 'データ分析'], ['法人営業', '企画'],
  ['広報', 'デザイン'], ['経営', '事業承継'], ['人事', '研修'], ['物流', '接客'], ['補助金', '企画', '経営'],
];
const STYLES = ['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP'];

async function main(): Promise<void> {
  const database = await benchDatabase();
  const config = {
    ...loadConfig({ DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }),
    demo: true, relayIntervalMs: 250, logLevel: 'warn',
  };
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    app = await createApp({ config, databaseUrl: database.url, logger: createLogger('warn') });
    await app.get(DemoRegistry).run();
    const bulk = app.get(BulkRegistry);
    const log = (m: string) => console.log(`  ${m}`);
    console.log(`loading data on ${database.where}…`);
    await bulk.get('regions')!.generate(8, log);
    await bulk.get('opportunities')!.generate(OPPORTUNITIES, log);
    await bulk.get('candidates')!.generate(CANDIDATES, log);

    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: Array<{ message: string }> };
      if (body.errors?.length) throw new Error(body.errors[0].message);
      return body.data;
    };

    const regions: Array<{ id: string; code: string }> = (await gql('{ regions { id code } }')).regions;
    const kesennuma = regions.find((r) => r.code === 'kesennuma')!;
    const candidates: string[] = [];
    for (let i = 0; i < 20; i++) {
      const email = `bench-${Date.now()}-${i}@bench.minato.example`;
      const { signUp } = await gql(`mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
        i: { email, password: 'bench-password-1', displayName: `ベンチ ${i}` },
      });
      await gql(
        `mutation($i: CandidateProfileInput!) { saveMyCandidateProfile(input: $i) { id } }`,
        {
          i: {
            fullName: `ベンチ 太郎 ${i}`, ageBand: 'FIFTIES', headline: 'ベンチマーク', careerSummary: 'ベンチマーク用',
            skills: SKILL_SETS[i % SKILL_SETS.length], desiredWorkStyles: [STYLES[i % 4], STYLES[(i + 1) % 4]],
            remoteHoursPerWeek: (i * 3) % 15, onsiteDaysPerMonth: (i * 2) % 10, desiredRegionIds: [regions[i % regions.length].id],
            dualRegionStage: 'EXPLORING',
          },
        },
        signUp.token,
      );
      candidates.push(signUp.token);
    }
    const staff = (await gql(`mutation { signIn(input: { email: "biz@kesennuma.minato.example", password: "minato-demo-2025" }) { token } }`)).signIn.token;
    const opportunityIds: string[] = (
      await gql(`query($r: ID) { opportunities(filter: { regionId: $r }, first: 100) { edges { node { id } } } }`, { r: kesennuma.id })
    ).opportunities.edges.map((e: { node: { id: string } }) => e.node.id);
    const published: number = (await gql('{ opportunities(first: 1) { totalCount } }')).opportunities.totalCount;

    const measure = async (name: string, run: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await run(i); // warm-up
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await run(i);
        times.push(performance.now() - t0);
      }
      const wall = performance.now() - started;
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(26)} n=${REQUESTS}  p50=${percentile(times, 50).toFixed(1)} ms  p95=${percentile(times, 95).toFixed(1)} ms  ` +
          `p99=${percentile(times, 99).toFixed(1)} ms  max=${times[times.length - 1].toFixed(1)} ms  (${((REQUESTS / wall) * 1000).toFixed(0)} req/s, one at a time)`,
      );
    };

    console.log(`\nrecommendations over ${published} published opportunities and ${CANDIDATES} candidates (first: 10), through GraphQL over HTTP:`);
    await measure('recommendedOpportunities', (i) =>
      gql(`{ recommendedOpportunities(first: 10) { score reasons opportunity { id title employer { name } } } }`, {}, candidates[i % candidates.length]),
    );
    await measure('recommendedCandidates', (i) =>
      gql(
        `query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 10) { score reasons candidate { id headline } } }`,
        { id: opportunityIds[i % opportunityIds.length] },
        staff,
      ),
    );
  } finally {
    await app?.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
