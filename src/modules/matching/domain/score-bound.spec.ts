import fc from 'fast-check';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import {
  FACT_WEIGHTS,
  admits,
  admitsEverything,
  firstGuess,
  pairFacts,
  prefilterFor,
  scoreOf,
  seedsOf,
  sideOfCandidate,
  sideOfOpportunity,
} from './score-bound.js';
import { scorePair, WEIGHTS, type CandidateFit, type OpportunityFit } from './scoring.js';

const styles = Object.values(WorkStyle);
const regions = ['kesennuma', 'ofunato', 'rikuzentakata'];
// Spellings that normalize alike (ＥＣ = EC = ec), so shared skills are counted after normalizing.
const skill = fc.constantFrom('EC', 'ＥＣ', 'ec', '経理', 'ＩＴ', 'it ', 'マーケティング', '営業', '英語', 'DX');

const candidate: fc.Arbitrary<CandidateFit> = fc.record({
  skills: fc.array(skill, { maxLength: 6 }),
  desiredWorkStyles: fc.subarray(styles),
  remoteHoursPerWeek: fc.integer({ min: 0, max: 40 }),
  onsiteDaysPerMonth: fc.integer({ min: 0, max: 31 }),
  desiredRegionIds: fc.subarray(regions),
  attendedRegionIds: fc.subarray(regions),
  stayedRegionIds: fc.subarray(regions),
});
const opportunity: fc.Arbitrary<OpportunityFit> = fc.record({
  skills: fc.array(skill, { maxLength: 6 }),
  workStyle: fc.constantFrom(...styles),
  remoteOk: fc.boolean(),
  onsiteDaysPerMonth: fc.integer({ min: 0, max: 31 }),
  regionId: fc.constantFrom(...regions),
  regionName: fc.constant('市'),
});
/** Thresholds around and away from the pair's own score, in the halves scores come in. */
const offset = fc.integer({ min: -12, max: 12 }).map((n) => n / 2);

describe('score bound', () => {
  it('makes up the score of every pair from its facts, as scorePair does', () => {
    fc.assert(
      fc.property(candidate, opportunity, (c, o) => {
        expect(scoreOf(pairFacts(c, o))).toBe(scorePair(c, o).score);
      }),
      { numRuns: 2000 },
    );
  });

  it('admits every row that reaches the threshold, ranking opportunities for a candidate or candidates for an opportunity', () => {
    fc.assert(
      fc.property(candidate, opportunity, offset, (c, o, delta) => {
        const { score } = scorePair(c, o);
        const threshold = score + delta;
        const facts = pairFacts(c, o);
        for (const side of [sideOfCandidate(c), sideOfOpportunity(o)]) {
          // A fact the side calls impossible never holds.
          for (const f of facts.facts) expect(side.possible).toContain(f);
          expect(facts.sharedSkills).toBeLessThanOrEqual(side.maxShared);
          if (score >= threshold) expect(admits(prefilterFor(threshold, side), facts)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('narrows: nothing above the best possible score; the first guess and the seed within reach', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        const side = sideOfCandidate(c);
        const best = WEIGHTS.skill * side.maxShared + WEIGHTS.onsiteFits + side.possible.reduce((s, f) => s + FACT_WEIGHTS[f], 0);
        expect(prefilterFor(best + 0.5, side)).toEqual([]);
        expect(prefilterFor(best, side).length).toBeGreaterThan(0);
        expect(firstGuess(side)).toBeLessThanOrEqual(best);
        expect(seedsOf(side).some((seed) => admitsEverything([seed]))).toBe(false);
      }),
    );
  });

  it('asks, for a candidate who wants a style and a region, with remote hours, what a row needs to reach 11', () => {
    const side = sideOfCandidate({
      skills: ['EC', 'マーケティング', '英語'], desiredWorkStyles: [WorkStyle.SIDE_JOB], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 4,
      desiredRegionIds: ['kesennuma'], attendedRegionIds: [],
    });
    expect(side).toEqual({ possible: ['workStyle', 'desiredRegion', 'remote'], maxShared: 3 });
    // 11 = a shared skill (3) + style (3) + region (2) + remote (1) + on-site days that fit (2): the first guess.
    expect(firstGuess(side)).toBe(11);
    expect(prefilterFor(11, side)).toEqual([
      // One shared skill, every fact and on-site days that fit…
      { minShared: 1, facts: ['workStyle', 'desiredRegion', 'remote'], maxShortfall: 0 },
      // …or two or more (up to three: 9) and on-site days that fit, or facts that make up for days short (½ a day each).
      { minShared: 2, facts: [], maxShortfall: 0 },
      { minShared: 2, facts: ['workStyle'], maxShortfall: 2 },
      { minShared: 2, facts: ['workStyle', 'desiredRegion'], maxShortfall: 6 },
      { minShared: 2, facts: ['workStyle', 'remote'], maxShortfall: 4 },
      { minShared: 2, facts: ['desiredRegion', 'remote'], maxShortfall: 2 },
      { minShared: 2, facts: ['workStyle', 'desiredRegion', 'remote'], maxShortfall: 8 },
    ]);
    // No skills in common caps a row at 3 + 2 + 1 + 2 = 8: at 8.5 it must share one.
    expect(prefilterFor(8.5, side).every((t) => t.minShared >= 1)).toBe(true);
  });
});
