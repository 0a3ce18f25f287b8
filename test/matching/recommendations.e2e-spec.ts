import { QueryBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { AccountKind, Caller } from '#libs/auth/caller.js';
import { RecommendOpportunitiesQuery } from '../../src/modules/matching/application/queries/matching.queries.js';
import { normalizeSkill } from '../../src/modules/matching/domain/candidate-profile.aggregate.js';
import { scorePair } from '../../src/modules/matching/domain/scoring.js';
import { RecommendationReadModel, type Ranked } from '../../src/modules/matching/infrastructure/recommendation.read-model.js';
import { MAX_SKILL_PAIRS, type CandidateRanking, type OpportunityRanking } from '../../src/modules/matching/infrastructure/recommendation.sql.js';
import { Client, TestApp } from '../harness/harness.js';

// Recommendations score only the rows that can reach a threshold. At a few thousand random
// rows — few skills, so many ties; some with nothing in common; interests and matches to
// leave out — the narrowed answer must be the answer of scoring every row (same ids, same
// order, same scores), and every score the one scorePair gives.

const SEED = 20251124;
const OPPORTUNITIES = 3000;
const PROFILES = 2000;
const STYLES = ['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP'] as const;
// Spellings that normalize alike: the SQL compares skills_norm, scorePair normalizes itself.
const SKILLS = ['EC', 'ＥＣ', 'マーケティング', '経理', '財務', 'IT', 'ＩＴ', 'dx', '英語', '営業', '物流', '企画', '人事', '広報', '接客', '補助金'];

const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });
// The organization recommendations are asked for in the ranking with a viewer (its answers are in matching.consent).
const VIEWER = randomUUID();
// Mostly a few skills; now and then so many that "two or more in common" is asked as "one" (MAX_SKILL_PAIRS).
const skills = fc.oneof(
  { weight: 9, arbitrary: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 12, maxLength: 16 }) },
);
const onsite = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 31 }));
// Few distinct times, so equal scores are often ordered by the next key.
const when = fc.integer({ min: 0, max: 400 }).map((m) => new Date(Date.UTC(2025, 9, 1) + m * 60_000).toISOString());

describe('recommendations that prefilter', () => {
  let t: TestApp;
  let model: RecommendationReadModel;
  let staff: Client & { regionId: string; organizationId: string };
  let regions: string[];
  let profiles: Array<Record<string, any>>;
  let opportunities: Array<Record<string, any>>;
  let attended: Map<string, string[]>;

  const rankingFor = (p: Record<string, any>): OpportunityRanking => ({
    candidateId: p.id, skills: [...new Set<string>(p.skills_norm)], desiredWorkStyles: p.desired_work_styles,
    remoteHoursPerWeek: p.remote_hours_per_week, onsiteDaysPerMonth: p.onsite_days_per_month, desiredRegionIds: p.desired_region_ids,
    attendedRegionIds: attended.get(p.account_id) ?? [],
  });
  const rankingOf = (o: Record<string, any>): CandidateRanking => ({
    opportunityId: o.id, skills: [...new Set<string>(o.skills_norm)], workStyle: o.work_style, remoteOk: o.remote_ok,
    onsiteDaysPerMonth: o.onsite_days_per_month, regionId: o.region_id,
  });
  const answer = (r: Ranked<{ id: string; score: number }>) => r.rows.map((row) => ({ id: row.id, score: row.score }));
  /** MatchingPolicy.seesProfile for VIEWER in `regionId`, from the rows (the SQL's twin). */
  let answersOf: Map<string, Array<{ organization_id: string | null; granted: boolean }>>;
  let liveMatchRegions: Set<string>;
  const seenBy = (p: Record<string, any>, regionId: string): boolean => {
    if (p.erased_at !== null) return false;
    const answers = answersOf.get(p.account_id) ?? [];
    const granted = answers.find((a) => a.organization_id === VIEWER)?.granted ?? answers.find((a) => a.organization_id === null)?.granted ?? true;
    return granted && (p.desired_region_ids.includes(regionId) || liveMatchRegions.has(`${p.id}/${regionId}`));
  };

  beforeAll(async () => {
    t = await TestApp.start();
    model = t.app.get(RecommendationReadModel);
    staff = await t.staff(['CAREERS_MANAGE']);
    regions = [staff.regionId, randomUUID(), randomUUID(), randomUUID()];
    const region = fc.oneof({ weight: 3, arbitrary: fc.constant(regions[0]) }, { weight: 4, arbitrary: fc.constantFrom(...regions.slice(1)) });

    const opportunityRows = sample(
      fc.record({
        region_id: region, work_style: fc.constantFrom(...STYLES), skills, remote_ok: fc.boolean(), onsite_days_per_month: onsite,
        status: fc.constantFrom('PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'CLOSED', 'DRAFT'), published_at: fc.option(when, { freq: 30 }),
      }),
      OPPORTUNITIES, SEED,
    ).map((o) => ({ ...o, id: randomUUID(), skills_norm: o.skills.map(normalizeSkill), published_at: o.status === 'DRAFT' ? null : o.published_at }));
    await t.sql(
      `INSERT INTO matching.opportunity_copy (id, employer_id, employer_name, region_id, title, work_style, skills, skills_norm, remote_ok,
         onsite_days_per_month, status, published_at, as_of)
       SELECT o.id, gen_random_uuid(), '株式会社 テスト', o.region_id, 'テストの求人', o.work_style, ARRAY(SELECT jsonb_array_elements_text(o.skills)),
              ARRAY(SELECT jsonb_array_elements_text(o.skills_norm)), o.remote_ok, o.onsite_days_per_month, o.status, o.published_at, now()
         FROM jsonb_to_recordset($1::jsonb) AS o(id uuid, region_id uuid, work_style text, skills jsonb, skills_norm jsonb, remote_ok boolean,
              onsite_days_per_month int, status text, published_at timestamptz)`,
      [JSON.stringify(opportunityRows)],
    );

    const profileRows = sample(
      fc.record({
        skills, desired_work_styles: fc.uniqueArray(fc.constantFrom(...STYLES), { maxLength: 3 }),
        remote_hours_per_week: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })), onsite_days_per_month: onsite,
        desired_region_ids: fc.uniqueArray(region, { maxLength: 2 }), updated_at: when,
      }),
      PROFILES, SEED + 1,
    ).map((p, i) => ({ ...p, id: randomUUID(), account_id: randomUUID(), n: i, skills_norm: p.skills.map(normalizeSkill) }));
    await t.sql(
      `INSERT INTO matching.candidate_profile (id, account_id, display_name, email, full_name, phone, age_band, headline, career_summary, skills,
         skills_norm, desired_work_styles, remote_hours_per_week, onsite_days_per_month, desired_region_ids, dual_region_stage, created_at,
         updated_at, version)
       SELECT p.id, p.account_id, '候補者 ' || p.n, 'c' || p.n || '@test.minato.example', '候補 太郎', NULL, 'FIFTIES', 'テスト', 'テスト',
              ARRAY(SELECT jsonb_array_elements_text(p.skills)), ARRAY(SELECT jsonb_array_elements_text(p.skills_norm)),
              ARRAY(SELECT jsonb_array_elements_text(p.desired_work_styles)), p.remote_hours_per_week, p.onsite_days_per_month,
              ARRAY(SELECT jsonb_array_elements_text(p.desired_region_ids))::uuid[], 'EXPLORING', p.updated_at, p.updated_at, 1
         FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, account_id uuid, n int, skills jsonb, skills_norm jsonb, desired_work_styles jsonb,
              remote_hours_per_week int, onsite_days_per_month int, desired_region_ids jsonb, updated_at timestamptz)`,
      [JSON.stringify(profileRows)],
    );

    // Some candidates attended events; some have live interests and matches (left out), some only dead ones (kept).
    const published = opportunityRows.filter((o) => o.status === 'PUBLISHED');
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
    const attendance = profileRows.slice(0, 400).map((p, i) => ({ account_id: p.account_id, region_id: regions[i % regions.length] }));
    await t.sql(
      `INSERT INTO matching.attendance (account_id, event_id, region_id, attended_at)
       SELECT a.account_id, gen_random_uuid(), a.region_id, now() FROM jsonb_to_recordset($1::jsonb) AS a(account_id uuid, region_id uuid)`,
      [JSON.stringify(attendance)],
    );
    const pairs = profileRows.slice(0, 300).flatMap((p, i) =>
      [0, 1, 2].map((k) => ({ candidate_id: p.id, opportunity_id: pick(published, i * 3 + k).id, region_id: regions[0], live: (i + k) % 3 !== 0 })),
    );
    await t.sql(
      `INSERT INTO matching.interest (id, candidate_id, opportunity_id, region_id, status, created_at, updated_at, version)
       SELECT gen_random_uuid(), x.candidate_id, x.opportunity_id, x.region_id, CASE WHEN x.live THEN 'OPEN' ELSE 'WITHDRAWN' END, now(), now(), 1
         FROM jsonb_to_recordset($1::jsonb) AS x(candidate_id uuid, opportunity_id uuid, region_id uuid, live boolean)`,
      [JSON.stringify(pairs.filter((_, i) => i % 2 === 0))],
    );
    await t.sql(
      `INSERT INTO matching.match (id, candidate_id, opportunity_id, region_id, origin, origin_id, stage, created_at, updated_at, version)
       SELECT gen_random_uuid(), x.candidate_id, x.opportunity_id, x.region_id, 'SCOUT', gen_random_uuid(),
              CASE WHEN x.live THEN 'MEETING' ELSE 'WITHDRAWN' END, now(), now(), 1
         FROM jsonb_to_recordset($1::jsonb) AS x(candidate_id uuid, opportunity_id uuid, region_id uuid, live boolean)`,
      [JSON.stringify(pairs.filter((_, i) => i % 2 === 1))],
    );
    // MATCHING answers (contract 90-privacy): some withdrawn for everyone, some for the viewing
    // organization only, some withdrawn for everyone but granted to it; a few profiles erased.
    const consents = profileRows.flatMap((p, i) => [
      ...(i % 7 === 0 || i % 13 === 0 ? [{ account_id: p.account_id, organization_id: null, granted: false }] : []),
      ...(i % 11 === 0 && i % 13 !== 0 ? [{ account_id: p.account_id, organization_id: VIEWER, granted: false }] : []),
      ...(i % 13 === 0 ? [{ account_id: p.account_id, organization_id: VIEWER, granted: true }] : []),
    ]);
    await t.sql(
      `INSERT INTO matching.consent (account_id, organization_id, granted, at, revision)
       SELECT c.account_id, c.organization_id, c.granted, now(), 1 FROM jsonb_to_recordset($1::jsonb) AS c(account_id uuid, organization_id uuid, granted boolean)`,
      [JSON.stringify(consents)],
    );
    await t.sql(`UPDATE matching.candidate_profile SET erased_at = now() WHERE id = ANY($1::uuid[])`, [
      profileRows.filter((_, i) => i % 17 === 5).map((p) => p.id),
    ]);
    await t.sql('ANALYZE matching.opportunity_copy; ANALYZE matching.candidate_profile; ANALYZE matching.attendance; ANALYZE matching.consent');

    profiles = await t.sql('SELECT * FROM matching.candidate_profile ORDER BY id');
    answersOf = new Map();
    for (const a of await t.sql('SELECT account_id, organization_id, granted FROM matching.consent')) {
      answersOf.set(a.account_id, [...(answersOf.get(a.account_id) ?? []), { organization_id: a.organization_id, granted: a.granted }]);
    }
    liveMatchRegions = new Set(
      (await t.sql(`SELECT candidate_id, region_id FROM matching.match WHERE stage <> 'WITHDRAWN'`)).map((m) => `${m.candidate_id}/${m.region_id}`),
    );
    opportunities = await t.sql(`SELECT * FROM matching.opportunity_copy WHERE status = 'PUBLISHED' ORDER BY id`);
    attended = new Map();
    for (const a of attendance) attended.set(a.account_id, [...new Set([...(attended.get(a.account_id) ?? []), a.region_id])]);
  });
  afterAll(() => t.close());

  it('ranks opportunities for a candidate exactly as scoring every published copy, with scorePair\'s scores', async () => {
    const byId = new Map(opportunities.map((o) => [o.id, o]));
    let narrowed = 0;
    let checked = 0;
    // The first 300 profiles have interests and matches; the rest none.
    const chosen = [...profiles.slice(0, 300).filter((_, i) => i % 10 === 0), ...profiles.slice(300).filter((_, i) => i % 40 === 0)];
    expect(chosen.some((p) => new Set(p.skills_norm).size * (new Set(p.skills_norm).size - 1) / 2 > MAX_SKILL_PAIRS)).toBe(true);
    for (const p of chosen) {
      const ranking = rankingFor(p);
      for (const first of [1, 10, 50]) {
        const fast = await model.rankOpportunities(ranking, first);
        const full = await model.rankOpportunities(ranking, first, 'full');
        expect({ profile: p.id, first, rows: answer(fast) }).toEqual({ profile: p.id, first, rows: answer(full) });
        if (fast.threshold !== null) narrowed++;
        checked++;
        for (const row of full.rows) {
          const o = byId.get(row.id)!;
          const { score } = scorePair(
            { skills: p.skills, desiredWorkStyles: p.desired_work_styles, remoteHoursPerWeek: p.remote_hours_per_week,
              onsiteDaysPerMonth: p.onsite_days_per_month, desiredRegionIds: p.desired_region_ids, attendedRegionIds: ranking.attendedRegionIds },
            { skills: o.skills, workStyle: o.work_style, remoteOk: o.remote_ok, onsiteDaysPerMonth: o.onsite_days_per_month,
              regionId: o.region_id, regionName: '市' },
          );
          expect({ id: row.id, score: row.score }).toEqual({ id: row.id, score });
        }
      }
    }
    // Most answers came from the narrowed rows (the others scored every row, which is trivially equal).
    expect(narrowed).toBeGreaterThan(checked * 0.6);
  });

  it('ranks candidates for an opportunity exactly as scoring every profile, with scorePair\'s scores', async () => {
    const byId = new Map(profiles.map((p) => [p.id, p]));
    let narrowed = 0;
    let checked = 0;
    // Opportunities some of the first profiles are interested in or matched with come first.
    const live = await t.sql<{ opportunity_id: string }>(
      `SELECT DISTINCT opportunity_id FROM matching.interest WHERE status = 'OPEN' ORDER BY opportunity_id LIMIT 15`,
    );
    // Ids are random, so which rows `i % 80` picks varies by run: the rows with so many skills
    // that two-in-common is asked as one (MAX_SKILL_PAIRS) are added by name, not by luck.
    const manySkills = (o: (typeof opportunities)[number]) => new Set(o.skills_norm).size * (new Set(o.skills_norm).size - 1) / 2 > MAX_SKILL_PAIRS;
    expect(opportunities.some(manySkills)).toBe(true);
    const chosen = [
      ...live.map((l) => opportunities.find((o) => o.id === l.opportunity_id)!),
      ...opportunities.filter((_, i) => i % 80 === 0),
      ...opportunities.filter(manySkills).slice(0, 3),
    ];
    expect(chosen.some(manySkills)).toBe(true);
    for (const o of chosen) {
      const ranking = rankingOf(o);
      for (const first of [1, 10, 50]) {
        const fast = await model.rankCandidates(ranking, first);
        const full = await model.rankCandidates(ranking, first, 'full');
        expect({ opportunity: o.id, first, rows: answer(fast) }).toEqual({ opportunity: o.id, first, rows: answer(full) });
        if (fast.threshold !== null) narrowed++;
        checked++;
        // For a viewer: the same, among the profiles it may see (MatchingPolicy.seesProfile, asked in SQL).
        const seen = { ...ranking, viewerOrganizationIds: [VIEWER] };
        const seenFast = await model.rankCandidates(seen, first);
        const seenFull = await model.rankCandidates(seen, first, 'full');
        expect({ opportunity: o.id, first, rows: answer(seenFast) }).toEqual({ opportunity: o.id, first, rows: answer(seenFull) });
        for (const row of seenFull.rows) expect({ id: row.id, seen: seenBy(byId.get(row.id)!, o.region_id) }).toEqual({ id: row.id, seen: true });
        const unseen = full.rows.filter((r) => !seenFull.rows.some((s) => s.id === r.id));
        for (const row of unseen.filter((r) => r.score > (seenFull.rows.at(-1)?.score ?? -Infinity))) {
          // Ranked above the viewer's last one, yet left out: it must be one the viewer may not see.
          expect({ id: row.id, seen: seenBy(byId.get(row.id)!, o.region_id) }).toEqual({ id: row.id, seen: false });
        }
        for (const row of full.rows) {
          const p = byId.get(row.id)!;
          const { score } = scorePair(
            { skills: p.skills, desiredWorkStyles: p.desired_work_styles, remoteHoursPerWeek: p.remote_hours_per_week,
              onsiteDaysPerMonth: p.onsite_days_per_month, desiredRegionIds: p.desired_region_ids, attendedRegionIds: attended.get(p.account_id) ?? [] },
            { skills: o.skills, workStyle: o.work_style, remoteOk: o.remote_ok, onsiteDaysPerMonth: o.onsite_days_per_month,
              regionId: o.region_id, regionName: '市' },
          );
          expect({ id: row.id, score: row.score }).toEqual({ id: row.id, score });
          expect(row.attended).toBe((attended.get(p.account_id) ?? []).includes(o.region_id));
        }
      }
    }
    expect(narrowed).toBeGreaterThan(checked * 0.6);
  });

  it('answers the queries (and GraphQL) with the full ranking\'s rows and scores', async () => {
    const candidate = await t.candidate('候補者');
    const saved = (
      await candidate.ok(`mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`, {
        input: {
          fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: 'マーケティング一筋', careerSummary: '商品企画', skills: ['ＥＣ', 'マーケティング', '経理'],
          desiredWorkStyles: ['SIDE_JOB', 'PRO_BONO'], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 3, desiredRegionIds: [staff.regionId],
          dualRegionStage: 'EXPLORING',
        },
      })
    ).saveMyCandidateProfile;
    const [p] = await t.sql('SELECT * FROM matching.candidate_profile WHERE id = $1', [saved.id]);
    const full = await model.rankOpportunities(rankingFor(p), 50, 'full');
    // Through the query bus: GraphQL's Recommendation.opportunity asks careers, which never saw these copies.
    const caller = new Caller(candidate.accountId!, AccountKind.CANDIDATE, '候補者', 'c@test.minato.example', []);
    const recs = await t.app.get(QueryBus).execute(new RecommendOpportunitiesQuery(caller, 50));
    expect(recs.map((r) => ({ id: r.opportunityId, score: r.score }))).toEqual(answer(full));
    expect((await candidate.ok(`{ recommendedOpportunities(first: 50) { score } }`)).recommendedOpportunities).toEqual(
      recs.map((r) => ({ score: r.score })),
    );

    const o = opportunities.find((x) => x.region_id === staff.regionId && x.skills.length > 0)!;
    // The staff member's organization asks: only profiles it may see (its consent answers are none, so MATCHING holds).
    const fullCandidates = await model.rankCandidates({ ...rankingOf(o), viewerOrganizationIds: [staff.organizationId] }, 50, 'full');
    expect(fullCandidates.rows.length).toBeGreaterThan(0);
    const ranked = (
      await staff.ok(`query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 50) { score candidate { id } } }`, { id: o.id })
    ).recommendedCandidates;
    expect(ranked.map((r: { score: number; candidate: { id: string } }) => ({ id: r.candidate.id, score: r.score }))).toEqual(answer(fullCandidates));
  });
});
