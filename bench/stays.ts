/**
 * Benchmark: 1,000 candidates each request a stay at one SHARED_HOUSE for overlapping nights
 * and managing staff confirm it at once — 1,000 requestStay+confirmStay pairs all in flight
 * together, through GraphQL over real HTTP — then `availability` for a year and listing
 * searches at 10,000 listings (seed:bulk's generator).
 *
 *   npm run bench:stays
 *
 * Runs on a throw-away embedded PostgreSQL (or, with DATABASE_URL, a new database
 * `minato_bench_<random>` on that server, dropped afterwards). Setup (accounts, listings)
 * is not timed. Prints wall time, requests/s, latency percentiles and the outcome: how many
 * stays ended CONFIRMED, how many were refused DATES_TAKEN (at request or at confirmation)
 * and, from the rows, that no night is held twice and every CONFIRMED stay holds its nights.
 *
 * Knobs: BENCH_PAIRS (1000), BENCH_LISTINGS (10000), BENCH_SAMPLES (50).
 */
import 'reflect-metadata';
import pg from 'pg';
import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { BulkRegistry } from '#libs/demo/bulk-seeder.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { BENCH_PASSWORD, benchApp, benchDatabase, benchOrganization, graphqlClient, type Answer, percentile } from './support.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 1000);
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const SETUP_CONCURRENCY = 50;

const ms = (sorted: number[], p: number) => percentile(sorted, p).toFixed(1);

async function main(): Promise<void> {
  const database = await benchDatabase();
  const { app, endpoint } = await benchApp(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  let failed = false;
  try {
    const { gql, ok } = graphqlClient(endpoint);

    // ---- setup (not timed)
    const { regionId, organizationId, staffToken } = await benchOrganization(ok, ['HOUSING_MANAGE'], { organization: 'ベンチ住まい', staff: '住まい担当' });
    const region = { id: regionId };
    const org = { id: organizationId };
    const listing = (await ok(`mutation($input: CreateListingInput!) { createListing(input: $input) { id } }`, {
      input: {
        organizationId: org.id, kind: 'SHARED_HOUSE', title: 'ベンチのシェアハウス', description: '同時予約の計測', district: 'ベンチ市',
        address: 'ベンチ市1-1', nightlyRateYen: 3000, minNights: 1, maxNights: 14, capacity: 2,
      },
    }, staffToken)).createListing;
    await ok(`mutation($id: ID!) { publishListing(input: { listingId: $id }) { id } }`, { id: listing.id }, staffToken);

    process.stdout.write(`setting up: ${PAIRS} candidates on ${database.where}…\n`);
    const tokens: string[] = [];
    for (let i = 0; i < PAIRS; i += SETUP_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SETUP_CONCURRENCY, PAIRS - i) }, (_, k) => i + k);
      tokens.push(...(await Promise.all(batch.map(async (n) => {
        const { signUp } = await ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
          { input: { email: `guest-${n}@bench.minato.example`, password: BENCH_PASSWORD, displayName: `ゲスト${n}` } });
        return signUp.token as string;
      }))));
    }

    // ---- the burst (timed): every pair in flight at once, overlapping nights over 90 days
    const today = tokyoToday();
    const REQUEST = `mutation($input: RequestStayInput!) { requestStay(input: $input) { id } }`;
    const CONFIRM = `mutation($id: ID!) { confirmStay(input: { stayId: $id }) { id status } }`;
    const outcome = { confirmed: 0, takenAtRequest: 0, takenAtConfirm: 0, otherErrors: 0, firstOther: '' };
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(tokens.map(async (token, i) => {
      const t0 = performance.now();
      const checkIn = addDays(today, 1 + ((i * 37) % 90));
      const asked = await gql(REQUEST, {
        input: { listingId: listing.id, checkIn, checkOut: addDays(checkIn, 1 + (i % 4)), partySize: 1, fullName: `ゲスト ${i}`, phone: '090-0000-0000' },
      }, token);
      const refusal = (a: Answer) => a.errors?.[0]?.extensions?.reason;
      if (asked.errors?.length) {
        if (refusal(asked) === 'DATES_TAKEN') outcome.takenAtRequest++;
        else ((outcome.otherErrors++), (outcome.firstOther ||= JSON.stringify(asked.errors[0])));
      } else {
        const confirmed = await gql(CONFIRM, { id: asked.data!.requestStay.id }, staffToken);
        if (!confirmed.errors?.length) outcome.confirmed++;
        else if (refusal(confirmed) === 'DATES_TAKEN') outcome.takenAtConfirm++;
        else ((outcome.otherErrors++), (outcome.firstOther ||= JSON.stringify(confirmed.errors[0])));
      }
      latencies.push(performance.now() - t0);
    }));
    const wallMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const requests = PAIRS + PAIRS - outcome.takenAtRequest - outcome.otherErrors;
    const [rows] = (await pool.query(`
      SELECT (SELECT count(*)::int FROM housing.stay WHERE listing_id = $1 AND status = 'CONFIRMED') AS confirmed,
             (SELECT count(*)::int FROM housing.stay a JOIN housing.stay b ON a.listing_id = b.listing_id AND a.id < b.id AND a.nights && b.nights
               WHERE a.listing_id = $1 AND a.status = 'CONFIRMED' AND b.status = 'CONFIRMED') AS overlapping_pairs,
             (SELECT count(*)::int FROM housing.night_hold h JOIN housing.stay s ON s.id = h.stay_id AND s.nights = h.nights
               WHERE h.listing_id = $1 AND s.status = 'CONFIRMED') AS holds_of_confirmed,
             (SELECT coalesce(sum(upper(nights) - lower(nights)), 0)::int FROM housing.night_hold WHERE listing_id = $1) AS nights_held`,
      [listing.id])).rows;
    console.log(`\nrequestStay+confirmStay burst: ${PAIRS} pairs at once on one listing, nights overlapping over 90 days (${database.where})`);
    console.log(`  wall ${(wallMs / 1000).toFixed(2)} s, ${requests} requests, ${Math.round(requests / (wallMs / 1000))} requests/s; ` +
      `pair latency p50 ${ms(latencies, 50)} ms, p95 ${ms(latencies, 95)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
    console.log(`  answers: ${outcome.confirmed} CONFIRMED, ${outcome.takenAtRequest} DATES_TAKEN at request, ${outcome.takenAtConfirm} DATES_TAKEN at confirmation, ` +
      `${outcome.otherErrors} other errors${outcome.firstOther ? ` (first: ${outcome.firstOther.slice(0, 200)})` : ''}`);
    console.log(`  rows: ${rows.confirmed} CONFIRMED, ${rows.overlapping_pairs} pairs of them sharing a night, ${rows.holds_of_confirmed} holding their nights, ${rows.nights_held} of 90 nights held`);
    if (rows.overlapping_pairs !== 0 || rows.confirmed !== outcome.confirmed || rows.holds_of_confirmed !== rows.confirmed || outcome.otherErrors > 0) {
      console.error('  RESULT INCONSISTENT: a night is held twice, or answers and rows disagree, or requests failed');
      failed = true;
    } else {
      console.log('  outcome: no night held twice');
    }

    // ---- reads at 10,000 listings
    const seeder = app.get(BulkRegistry).get('listings')!;
    const seedStarted = performance.now();
    await seeder.generate(LISTINGS, () => undefined);
    console.log(`\n${LISTINGS} listings (and their stays) generated in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (not timed below)`);
    const [{ id: busy }] = (await pool.query(
      `SELECT l.id FROM housing.listing l JOIN housing.night_hold h ON h.listing_id = l.id WHERE l.status = 'PUBLISHED'
        GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 1`)).rows;
    const time = async (name: string, query: string, variables: Record<string, unknown>, check: (d: Record<string, any>) => string) => {
      const times: number[] = [];
      let seen = '';
      for (let i = 0; i < SAMPLES + 5; i++) {
        const t0 = performance.now();
        const answer = await gql(query, variables);
        const t = performance.now() - t0;
        if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
        if (i >= 5) times.push(t); // the first few warm the caches
        seen = check(answer.data!);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${name.padEnd(58)} p50 ${ms(times, 50).padStart(6)} ms, p95 ${ms(times, 95).padStart(6)} ms  (${seen})`);
    };
    console.log(`one request at a time over HTTP, ${SAMPLES} samples each, anonymous:`);
    await time('availability for a year (listing with the most holds)',
      `query($id: ID!, $from: Date!, $to: Date!) { listing(id: $id) { availability(from: $from, to: $to) { start end } } }`,
      { id: busy, from: today, to: addDays(today, 365) }, (d) => `${d.listing.availability.length} free ranges`);
    await time('listings: TRIAL_STAY free for 3 nights, first 20',
      `query($f: ListingFilter) { listings(filter: $f, first: 20) { edges { node { id title nightlyRateYen } } } }`,
      { f: { kinds: ['TRIAL_STAY'], availableFrom: addDays(today, 5), availableTo: addDays(today, 8) } }, (d) => `${d.listings.edges.length} rows`);
    await time('listings: text 「古民家 鹿折」, first 20, with totalCount',
      `query($f: ListingFilter) { listings(filter: $f, first: 20) { totalCount edges { node { id title } } } }`,
      { f: { text: '古民家 鹿折' } }, (d) => `${d.listings.edges.length} rows of ${d.listings.totalCount}`);
    await time('listings: text 「ﾘﾌｫｰﾑ 南町」 (half width), first 20',
      `query($f: ListingFilter) { listings(filter: $f, first: 20) { edges { node { id title } } } }`,
      { f: { text: 'ﾘﾌｫｰﾑ 南町' } }, (d) => `${d.listings.edges.length} rows`);
    await time('listings: region, newest 20',
      `query($f: ListingFilter) { listings(filter: $f, first: 20) { edges { node { id title kind } } } }`,
      { f: { regionId: region.id } }, (d) => `${d.listings.edges.length} rows`);
    if (failed) process.exitCode = 1;
  } finally {
    await app.get(OutboxRelay).drain().catch(() => undefined);
    await pool.end();
    await app.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
