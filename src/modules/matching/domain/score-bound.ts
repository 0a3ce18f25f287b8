import { normalizeSkill } from './candidate-profile.aggregate.js';
import { WEIGHTS, type CandidateFit, type OpportunityFit } from './scoring.js';

// Why recommendations may look at a few hundred rows instead of scoring every one, and
// still return exactly what scoring every row would.
//
// A pair's score (scorePair) is   skill × shared skills  +  the weight of each fact below
// that holds  −  an on-site shortfall when `onsiteFits` does not hold. The shortfall is never
// negative, so a pair never scores more than its ceiling: skill × shared + Σ weights of the
// facts that hold. Every fact, and "shares a skill", is something an index finds (region,
// work style, on-site days, GIN on skills). So for a threshold τ, a row can score ≥ τ only
// if it satisfies one of the terms `prefilterFor(τ)` lists. Ranking only the rows that
// satisfy a term gives the true top N whenever its N-th row still scores ≥ τ: every row
// left out scores < τ, below that N-th row, and the order among the rows kept is the same.
// The read model checks that condition on every answer and otherwise widens the search,
// down to scoring every row.

/** The facts of a pair an index can find, each worth its weight in WEIGHTS (the one table). */
export const FACT_WEIGHTS = {
  workStyle: WEIGHTS.workStyle,
  desiredRegion: WEIGHTS.desiredRegion,
  attendedInRegion: WEIGHTS.attendedInRegion,
  onsiteFits: WEIGHTS.onsiteFits,
  remote: WEIGHTS.remote,
} as const;

/** One of the facts of a pair that add to its score. */
export type Fact = keyof typeof FACT_WEIGHTS;

/** Every fact, in a fixed order. */
export const FACTS = Object.keys(FACT_WEIGHTS) as Fact[];

/** How many skills a pair shares and which facts hold: what its ceiling is made of. */
export interface PairFacts {
  sharedSkills: number;
  facts: ReadonlySet<Fact>;
}

/** The facts of a pair, by the same rules as scorePair (the property tests hold them together). */
export function pairFacts(c: CandidateFit, o: OpportunityFit): PairFacts {
  const wanted = new Set(c.skills.map(normalizeSkill));
  const shared = new Set(o.skills.map(normalizeSkill).filter((s) => wanted.has(s)));
  const facts = new Set<Fact>();
  if (c.desiredWorkStyles.includes(o.workStyle)) facts.add('workStyle');
  if (c.desiredRegionIds.includes(o.regionId)) facts.add('desiredRegion');
  if (c.attendedRegionIds.includes(o.regionId)) facts.add('attendedInRegion');
  if (o.onsiteDaysPerMonth <= c.onsiteDaysPerMonth) facts.add('onsiteFits');
  if (o.remoteOk && c.remoteHoursPerWeek > 0) facts.add('remote');
  return { sharedSkills: shared.size, facts };
}

/** The most a pair with these facts can score; its score is exactly this when `onsiteFits` holds. */
export function scoreCeiling(p: PairFacts): number {
  let ceiling = WEIGHTS.skill * p.sharedSkills;
  for (const f of p.facts) ceiling += FACT_WEIGHTS[f];
  return ceiling;
}

/**
 * One way a row may reach a threshold: at least `minShared` skills in common with the fixed
 * side (0, 1, or 2 for "two or more") and every fact in `facts`.
 */
export interface Term {
  minShared: 0 | 1 | 2;
  facts: Fact[];
}

/** What a ranking can know before it looks at any row. */
export interface RankingSide {
  /** The facts that can hold for some row (the others never do for this ranking: no desired regions, no remote hours…). */
  possible: readonly Fact[];
  /** The most skills a row can share: the fixed side's distinct normalized skills. */
  maxShared: number;
}

/** Ranking opportunities for a candidate: the facts the candidate's profile makes possible. */
export function sideOfCandidate(c: CandidateFit): RankingSide {
  const possible: Record<Fact, boolean> = {
    workStyle: c.desiredWorkStyles.length > 0,
    desiredRegion: c.desiredRegionIds.length > 0,
    attendedInRegion: c.attendedRegionIds.length > 0,
    onsiteFits: true,
    remote: c.remoteHoursPerWeek > 0,
  };
  return { possible: FACTS.filter((f) => possible[f]), maxShared: new Set(c.skills.map(normalizeSkill)).size };
}

/** Ranking candidates for an opportunity: every fact may hold for some profile, remote only if the work allows it. */
export function sideOfOpportunity(o: Pick<OpportunityFit, 'skills' | 'remoteOk'>): RankingSide {
  return { possible: FACTS.filter((f) => f !== 'remote' || o.remoteOk), maxShared: new Set(o.skills.map(normalizeSkill)).size };
}

/** Subsets of `facts` whose weights reach `need`, none with a smaller subset that also does. */
function minimalFactSets(facts: readonly Fact[], need: number): Fact[][] {
  if (need <= 0) return [[]];
  const sets: Fact[][] = [];
  for (let mask = 1; mask < 1 << facts.length; mask++) {
    const set = facts.filter((_, i) => mask & (1 << i));
    const sum = set.reduce((s, f) => s + FACT_WEIGHTS[f], 0);
    if (sum >= need && set.every((f) => sum - FACT_WEIGHTS[f] < need)) sets.push(set);
  }
  return sets;
}

/**
 * Terms at least one of which every row scoring ≥ `threshold` satisfies (a necessary
 * condition, not a sufficient one). A row shares 0, 1, or 2 to `maxShared` skills; in each
 * case its facts must make up what the shared skills leave to reach the threshold. An empty
 * list: no row can reach it. A term with no facts and minShared 0: every row may.
 */
export function prefilterFor(threshold: number, side: RankingSide): Term[] {
  const levels: Array<{ minShared: 0 | 1 | 2; most: number }> = [
    { minShared: 0, most: 0 },
    { minShared: 1, most: 1 },
    { minShared: 2, most: side.maxShared },
  ];
  const terms: Term[] = [];
  for (const { minShared, most } of levels) {
    if (minShared > side.maxShared) break;
    for (const facts of minimalFactSets(side.possible, threshold - WEIGHTS.skill * most)) terms.push({ minShared, facts });
  }
  // A term asking for no more shared skills and a subset of another's facts admits all of that one's rows.
  const covers = (u: Term, t: Term) => u.minShared <= t.minShared && u.facts.every((f) => t.facts.includes(f));
  return terms.filter((t, i) => !terms.some((u, j) => j !== i && covers(u, t) && (j < i || !covers(t, u))));
}

/** Whether a pair satisfies one of the terms (what the SQL of the terms selects). */
export function admits(terms: readonly Term[], p: PairFacts): boolean {
  return terms.some((t) => p.sharedSkills >= t.minShared && t.facts.every((f) => p.facts.has(f)));
}

/** Whether the terms admit every row: then there is nothing to narrow. */
export function admitsEverything(terms: readonly Term[]): boolean {
  return terms.some((t) => t.minShared === 0 && t.facts.length === 0);
}

/** How many thresholds `thresholdGuesses` offers before a ranking scores every row. */
export const GUESSES = 4;

/**
 * Thresholds to try, highest first: what a row scores that shares one skill and has every
 * possible fact but the rare one of having attended an event (the rows a good
 * recommendation is made of), then one less at a time. A guess too high costs one narrow
 * statement that finds too few rows; only speed depends on them, since each answer is
 * checked before it is returned.
 */
export function thresholdGuesses(side: RankingSide): number[] {
  const best = WEIGHTS.skill * Math.min(1, side.maxShared) +
    side.possible.reduce((s, f) => s + (f === 'attendedInRegion' ? 0 : FACT_WEIGHTS[f]), 0);
  return Array.from({ length: GUESSES }, (_, i) => best - i);
}
