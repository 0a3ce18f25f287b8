/**
 * Benchmark: insights at 100,000 people and 1,000,000 events.
 *
 *   npm run bench:insights
 *
 * On a throw-away embedded PostgreSQL (or a new database on the DATABASE_URL server), in the
 * real app: the event log is generated with SQL (not through commands), 10 events per person
 * over two years — a profile, a registration for one of 200 events and the check-in, two
 * interests and a scout, a match, its stages MEETING and ENGAGED, a rating — plus the region
 * and the events themselves. Then:
 *
 * 1. Rebuild: `rebuildInsights` as an ADMIN over HTTP-less GraphQL (Fastify inject), which
 *    empties the read models and relays the whole log to insights' subscriber: wall time and
 *    events/s.
 * 2. The funnel of one year (the cohort of ~50,000 people, with its slices by age band):
 *    BENCH_QUERIES sequential GraphQL requests, p50/p95, beside the read model's same SQL sent
 *    raw through pg (the limit), with the ratio.
 *
 * Knobs: BENCH_PEOPLE (100000), BENCH_QUERIES (30).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '#libs/config/config.js';
import { EmbeddedPostgresError } from '#libs/database/embedded-postgres.js';
import { createLogger } from '#libs/logging/logger.js';
import { FUNNEL_SQL, SLICES_SQL } from '../src/modules/insights/infrastructure/insights.sql.js';
import { createApp } from '../src/app.factory.js';
import { benchDatabase, median, percentile } from './support.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 30);
const CHUNK = 10_000;
const EVENTS = 200;
const ADMIN = { email: 'bench-admin@minato.example', password: 'bench-admin-password-0123' };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A deterministic uuid for the n-th thing of a kind (SQL). */
const uuidOf = (kind: string, n: string) => `md5('${kind}' || ${n})::uuid`;

async function main(): Promise<void> {
  const database = await benchDatabase();
  const db = new pg.Client({ connectionString: database.url });
  const config = {
    ...loadConfig({ NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex') }),
    demo: false,
    relayIntervalMs: 0,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
  };
  const app = await createApp({ config, databaseUrl: database.url, logger: createLogger('warn') });
  const fastify = app.getHttpAdapter().getInstance();
  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: JSON.stringify({ query, variables }),
    });
    const body = JSON.parse(res.body);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  try {
    await db.connect();
    const regionId = (await db.query(`SELECT ${uuidOf('region', "'1'")} AS id`)).rows[0].id as string;
    console.log(`insights benchmark on ${database.where}: ${fmt(PEOPLE)} people, ${fmt(PEOPLE * 10 + EVENTS + 1)} events\n`);

    // ---- the log, generated with SQL (10 events a person, in chunks of 10,000 people a transaction)
    const t0 = performance.now();
    const append = (type: string, aggregateType: string, aggregateId: string, payload: string, at: string, from: number, to: number, where = 'true') =>
      db.query(
        `INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
         SELECT gen_random_uuid(), $1, 'bench', $2, ${aggregateId}, 1, ${payload}, ${at}
           FROM generate_series($3::int, $4::int) g WHERE ${where}`,
        [type, aggregateType, from, to],
      );
    await db.query('BEGIN');
    await append('identity.region.created', 'Region', `'${regionId}'`,
      `jsonb_build_object('regionId', '${regionId}'::text, 'code', 'bench', 'name', 'ベンチ市', 'prefecture', '宮城県')`, `now() - interval '3 years'`, 1, 1);
    await append('events.event.created', 'Event', `${uuidOf('event', 'g')}::text`,
      `jsonb_build_object('eventId', ${uuidOf('event', 'g')}, 'eventKind', CASE WHEN g % 4 = 0 THEN 'TOUR' ELSE 'BRIEFING' END,
        'regionId', '${regionId}', 'organizerOrganizationId', ${uuidOf('org', "'1'")}, 'eventStartsAt', now() - interval '2 years' + g * interval '3 days',
        'title', '説明会 ' || g, 'eventEndsAt', now(), 'capacity', 60, 'allocation', 'FIRST_COME', 'status', 'COMPLETED')`,
      `now() - interval '2 years' + g * interval '3 days' - interval '30 days'`, 1, EVENTS);
    await db.query('COMMIT');
    const bands = `(ARRAY['UNDER_40','FORTIES','FIFTIES','SIXTIES_AND_OVER'])[1 + g % 4]`;
    const styles = `(ARRAY['PRO_BONO','SIDE_JOB','JOB_CHANGE','STARTUP'])[1 + g % 4]`;
    const prefectures = `(ARRAY['東京都','神奈川県','埼玉県','千葉県','宮城県','大阪府','愛知県'])[1 + g % 7]`;
    const at = (minutes: number) => `now() - interval '2 years 40 days' + (g % 730) * interval '1 day' + interval '${minutes} minutes'`;
    const account = uuidOf('account', 'g');
    const event = uuidOf('event', `(1 + g % ${EVENTS})`);
    const match = uuidOf('match', 'g');
    const pair = `'candidateId', ${uuidOf('candidate', 'g')}, 'accountId', ${account}, 'opportunityId', ${uuidOf('opportunity', 'g % 500')}, 'regionId', '${regionId}', 'workStyle', ${styles}`;
    const registration = `'eventId', ${event}, 'eventKind', 'BRIEFING', 'regionId', '${regionId}', 'organizerOrganizationId', ${uuidOf('org', "'1'")},
      'eventStartsAt', now(), 'registrationId', ${uuidOf('registration', 'g')}, 'accountId', ${account}`;
    for (let from = 1; from <= PEOPLE; from += CHUNK) {
      const to = Math.min(PEOPLE, from + CHUNK - 1);
      await db.query('BEGIN');
      await append('matching.profile.saved', 'CandidateProfile', `${uuidOf('candidate', 'g')}::text`,
        `jsonb_build_object('candidateId', ${uuidOf('candidate', 'g')}, 'accountId', ${account}, 'ageBand', ${bands},
          'desiredWorkStyles', jsonb_build_array(${styles}), 'desiredRegionIds', jsonb_build_array('${regionId}'),
          'dualRegionStage', 'EXPLORING', 'homePrefecture', ${prefectures}, 'created', true)`, at(0), from, to);
      await append('events.registration.confirmed', 'Event', `${event}::text`, `jsonb_build_object(${registration}, 'via', 'REGISTRATION')`, at(1), from, to);
      await append('events.attendee.checked-in', 'Event', `${event}::text`, `jsonb_build_object(${registration})`, at(2), from, to);
      await append('events.feedback.submitted', 'EventFeedback', `${uuidOf('feedback', 'g')}::text`,
        `jsonb_build_object(${registration}, 'feedbackId', ${uuidOf('feedback', 'g')}, 'rating', 1 + g % 5, 'interestedWorkStyles', '[]'::jsonb)`, at(3), from, to);
      await append('matching.interest.expressed', 'Interest', `${uuidOf('interest', 'g')}::text`,
        `jsonb_build_object(${pair}, 'interestId', ${uuidOf('interest', 'g')})`, at(4), from, to);
      await append('matching.interest.expressed', 'Interest', `${uuidOf('interest2', 'g')}::text`,
        `jsonb_build_object(${pair}, 'interestId', ${uuidOf('interest2', 'g')})`, at(5), from, to);
      await append('matching.scout.sent', 'Scout', `${uuidOf('scout', 'g')}::text`,
        `jsonb_build_object(${pair}, 'scoutId', ${uuidOf('scout', 'g')}, 'organizationId', ${uuidOf('org', "'1'")})`, at(6), from, to);
      await append('matching.match.established', 'Match', `${match}::text`,
        `jsonb_build_object(${pair}, 'matchId', ${match}, 'origin', 'INTEREST', 'originId', ${uuidOf('interest', 'g')})`, at(7), from, to);
      await append('matching.match.stage-changed', 'Match', `${match}::text`,
        `jsonb_build_object(${pair}, 'matchId', ${match}, 'from', 'MATCHED', 'to', 'MEETING', 'note', null)`, at(60 * 24), from, to);
      await append('matching.match.stage-changed', 'Match', `${match}::text`,
        `jsonb_build_object(${pair}, 'matchId', ${match}, 'from', 'MEETING', 'to', 'ENGAGED', 'note', null)`, `now() - interval '2 years 40 days' + (g % 730) * interval '1 day' + (3 + g % 30) * interval '1 day'`, from, to);
      await db.query('COMMIT');
    }
    await db.query(`VACUUM ANALYZE messaging.outbox`);
    await db.query(`CHECKPOINT`);
    const [{ logged }] = (await db.query(`SELECT count(*)::int AS logged FROM messaging.outbox`)).rows;
    console.log(`log generated: ${fmt(logged)} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (not timed below)`);

    // ---- 1. rebuild from the whole log
    const { signIn } = await gql(`mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { email: ADMIN.email, password: ADMIN.password } });
    const token = signIn.token as string;
    const r0 = performance.now();
    const { rebuildInsights } = await gql(`mutation { rebuildInsights }`, {}, token);
    const rebuildSeconds = (performance.now() - r0) / 1000;
    const [{ applied }] = (await db.query(`SELECT (SELECT count(*) FROM insights.person)::int AS applied`)).rows;
    console.log(
      `1. rebuildInsights: ${fmt(logged)} events in ${rebuildSeconds.toFixed(1)} s = ${fmt(logged / rebuildSeconds)} events/s ` +
        `(${fmt(applied)} people in the funnel; fresh as of ${rebuildInsights})`,
    );

    // ---- 2. the funnel of one year, over GraphQL and as raw SQL
    const year = new Date(Date.now() - 365 * 86_400_000);
    const from = `${year.getUTCFullYear()}-${String(year.getUTCMonth() + 1).padStart(2, '0')}-01`;
    const toDate = new Date(Date.UTC(year.getUTCFullYear() + 1, year.getUTCMonth(), 1));
    const to = toDate.toISOString().slice(0, 10);
    const FUNNEL = `query($r: ID!, $from: Date!, $to: Date!) { funnel(regionId: $r, from: $from, to: $to) {
      steps { stage people conversion } slices(by: AGE_BAND) { key steps { stage people } } } }`;
    const api: number[] = [];
    let cohort = 0;
    for (let i = 0; i < QUERIES; i++) {
      const q0 = performance.now();
      const { funnel } = await gql(FUNNEL, { r: regionId, from, to }, token);
      api.push(performance.now() - q0);
      cohort = funnel.steps[0].people;
    }
    const raw: number[] = [];
    const tz = (d: string) => new Date(Date.parse(`${d}T00:00:00+09:00`));
    for (let i = 0; i < QUERIES; i++) {
      const q0 = performance.now();
      await db.query(FUNNEL_SQL, [regionId, tz(from), tz(to)]);
      await db.query(SLICES_SQL.AGE_BAND, [regionId, tz(from), tz(to)]);
      raw.push(performance.now() - q0);
    }
    api.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    console.log(
      `2. funnel of ${from}..${to} (cohort ${fmt(cohort)} people) with its age-band slices, ${QUERIES} sequential requests:\n` +
        `   GraphQL p50 ${median(api).toFixed(1)} ms, p95 ${percentile(api, 95).toFixed(1)} ms; raw pg, same SQL: p50 ${median(raw).toFixed(1)} ms, ` +
        `p95 ${percentile(raw, 95).toFixed(1)} ms; ratio of p50s ${(median(raw) / median(api)).toFixed(2)}× raw pg`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await app.close();
    await database.drop();
  }
}

main().catch((error: Error) => {
  console.error(error instanceof EmbeddedPostgresError ? error.message : error);
  process.exit(1);
});
