import { normalizeSkill } from './candidate-profile.aggregate.js';
import { WEIGHTS, hasBeenIn, type CandidateFit, type OpportunityFit } from './scoring.js';

// Why recommendations may look at a few hundred rows instead of scoring every one, and
// still return exactly what scoring every row would.
//
// A pair's score (scorePair) is made of parts an index can find: skill × the skills both
// name (GIN on skills), the weight of each fact below that holds (region, work style:
// btree or GIN; remote), and the on-site part — onsiteFits when the candidate can give the
// days asked, else minus onsiteShortfallPerDay per day short (a range on on-site days).
// For a threshold τ, `prefilterFor(τ)` lists terms — shares at least so many skills, has
// these facts, is at most so many days short — such that every row scoring ≥ τ satisfies
// one. Ranking only the rows that satisfy a term gives the true top N whenever its N-th row
// still scores ≥ τ: every row left out scores < τ, below that N-th row, and the order among
// the rows kept is the same. The read model checks that on every answer and otherwise
// takes a lower threshold, down to scoring every row.

/** The facts of a pair that add their weight (from WEIGHTS, the one table) to its score. */
export const FACT_WEIGHTS = {
  workStyle: WEIGHTS.workStyle,
  desiredRegion: WEIGHTS.desiredRegion,
  attendedInRegion: WEIGHTS.attendedInRegion,
  remote: WEIGHTS.remote,
} as const;

/** One of the facts of a pair that add to its score. */
export type Fact = keyof typeof FACT_WEIGHTS;

/** Every fact, in a fixed order. */
export const FACTS = Object.keys(FACT_WEIGHTS) as Fact[];

/** What a pair's score is made of. */
export interface PairFacts {
  sharedSkills: number;
  facts: ReadonlySet<Fact>;
  /** On-site days a month the work asks beyond what the candidate can give (0: they fit). */
  onsiteShortfall: number;
}

/** The facts of a pair, by the same rules as scorePair (a property test holds them together). */
export function pairFacts(c: CandidateFit, o: OpportunityFit): PairFacts {
  const wanted = new Set(c.skills.map(normalizeSkill));
  const shared = new Set(o.skills.map(normalizeSkill).filter((s) => wanted.has(s)));
  const facts = new Set<Fact>();
  if (c.desiredWorkStyles.includes(o.workStyle)) facts.add('workStyle');
  if (c.desiredRegionIds.includes(o.regionId)) facts.add('desiredRegion');
  if (hasBeenIn(c, o.regionId)) facts.add('attendedInRegion');
  if (o.remoteOk && c.remoteHoursPerWeek > 0) facts.add('remote');
  return { sharedSkills: shared.size, facts, onsiteShortfall: Math.max(0, o.onsiteDaysPerMonth - c.onsiteDaysPerMonth) };
}

/** What the on-site days add: onsiteFits when they fit, less per day short. */
export const onsitePart = (shortfall: number): number =>
  shortfall <= 0 ? WEIGHTS.onsiteFits : -WEIGHTS.onsiteShortfallPerDay * shortfall;

/** The score of a pair from its facts: scorePair's score. */
export function scoreOf(p: PairFacts): number {
  let score = WEIGHTS.skill * p.sharedSkills + onsitePart(p.onsiteShortfall);
  for (const f of p.facts) score += FACT_WEIGHTS[f];
  return score;
}

/**
 * One way a row may reach a threshold: at least `minShared` skills in common with the fixed
 * side (0, 1, or 2 for "two or more"), every fact in `facts`, and at most `maxShortfall`
 * on-site days short (Infinity: any).
 */
export interface Term {
  minShared: 0 | 1 | 2;
  facts: Fact[];
  maxShortfall: number;
}

/** What a ranking knows before it looks at any row. */
export interface RankingSide {
  /** The facts that can hold for some row (the others never do here: no desired regions, no remote hours…). */
  possible: readonly Fact[];
  /** The most skills a row can share: the fixed side's distinct normalized skills. */
  maxShared: number;
}

/** Ranking opportunities for a candidate: the facts the candidate's profile makes possible. */
export function sideOfCandidate(c: CandidateFit): RankingSide {
  const possible: Record<Fact, boolean> = {
    workStyle: c.desiredWorkStyles.length > 0,
    desiredRegion: c.desiredRegionIds.length > 0,
    attendedInRegion: c.attendedRegionIds.length > 0 || (c.stayedRegionIds?.length ?? 0) > 0,
    remote: c.remoteHoursPerWeek > 0,
  };
  return { possible: FACTS.filter((f) => possible[f]), maxShared: new Set(c.skills.map(normalizeSkill)).size };
}

/** Ranking candidates for an opportunity: every fact may hold for some profile, remote only if the work allows it. */
export function sideOfOpportunity(o: Pick<OpportunityFit, 'skills' | 'remoteOk'>): RankingSide {
  return { possible: FACTS.filter((f) => f !== 'remote' || o.remoteOk), maxShared: new Set(o.skills.map(normalizeSkill)).size };
}

/** The most on-site days short a row may be when its on-site part must be at least `need`; -1: none may. */
function shortfallAllowed(need: number): number {
  if (need > WEIGHTS.onsiteFits) return -1;
  if (need > 0) return 0; // only fitting days add anything
  return WEIGHTS.onsiteShortfallPerDay > 0 ? Math.floor(-need / WEIGHTS.onsiteShortfallPerDay) : Infinity;
}

/**
 * Terms at least one of which every row scoring ≥ `threshold` satisfies (a necessary
 * condition, not a sufficient one). A row shares 0, 1, or 2 to `maxShared` skills and has
 * some set of the possible facts; for each, the on-site part must make up the rest, which
 * caps how many days short it may be. An empty list: no row can reach the threshold.
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
    for (let mask = 0; mask < 1 << side.possible.length; mask++) {
      const facts = side.possible.filter((_, i) => mask & (1 << i));
      const weight = facts.reduce((s, f) => s + FACT_WEIGHTS[f], 0);
      const maxShortfall = shortfallAllowed(threshold - WEIGHTS.skill * most - weight);
      if (maxShortfall >= 0) terms.push({ minShared, facts, maxShortfall });
    }
  }
  // A term asking for no more shared skills, a subset of the facts and no fewer days short admits all of another's rows.
  const covers = (u: Term, t: Term) =>
    u.minShared <= t.minShared && u.facts.every((f) => t.facts.includes(f)) && u.maxShortfall >= t.maxShortfall;
  return terms.filter((t, i) => !terms.some((u, j) => j !== i && covers(u, t) && (j < i || !covers(t, u))));
}

/** Whether a pair satisfies one of the terms (what the SQL of the terms selects). */
export function admits(terms: readonly Term[], p: PairFacts): boolean {
  return terms.some(
    (t) => p.sharedSkills >= t.minShared && t.facts.every((f) => p.facts.has(f)) && p.onsiteShortfall <= t.maxShortfall,
  );
}

/** Whether the terms admit every row: then there is nothing to narrow. */
export function admitsEverything(terms: readonly Term[]): boolean {
  return terms.some((t) => t.minShared === 0 && t.facts.length === 0 && t.maxShortfall === Infinity);
}

/**
 * The threshold to try first: what a row scores that shares one skill, fits the on-site
 * days and has every possible fact but the rare one of having attended an event — the rows
 * a good recommendation is made of. Only speed depends on it; every answer is checked.
 */
export function firstGuess(side: RankingSide): number {
  return WEIGHTS.skill * Math.min(1, side.maxShared) + WEIGHTS.onsiteFits +
    side.possible.reduce((s, f) => s + (f === 'attendedInRegion' ? 0 : FACT_WEIGHTS[f]), 0);
}

/**
 * Where to look for a threshold when the first guess finds too few rows, narrowest first:
 * rows of the first guess's kind whatever their on-site days; sharing a skill and wanting
 * (or wanted for) the work style; sharing a skill; having the facts without a skill in
 * common. The N-th best of the first that holds N rows is a threshold N rows reach, whose
 * terms then give the exact answer. Each is one term.
 */
export function seedsOf(side: RankingSide): Term[] {
  const minShared = side.maxShared > 0 ? 1 : 0;
  const facts = side.possible.filter((f) => f !== 'attendedInRegion');
  const seeds: Term[] = [{ minShared, facts, maxShortfall: Infinity }];
  if (facts.includes('workStyle') && facts.length > 1) seeds.push({ minShared, facts: ['workStyle'], maxShortfall: Infinity });
  if (minShared > 0 && facts.length > 0) {
    seeds.push({ minShared, facts: [], maxShortfall: Infinity }, { minShared: 0, facts, maxShortfall: Infinity });
  }
  return seeds.filter((seed) => !admitsEverything([seed]));
}
