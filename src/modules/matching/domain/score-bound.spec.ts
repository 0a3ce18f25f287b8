import fc from 'fast-check';
import { WorkStyle } from '../../../../libs/contracts/careers/work-style.js';
import {
  FACTS,
  FACT_WEIGHTS,
  admits,
  admitsEverything,
  pairFacts,
  prefilterFor,
  scoreCeiling,
  sideOfCandidate,
  sideOfOpportunity,
  thresholdGuesses,
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
  it('never lets a pair score above its ceiling, and reaches it exactly when the on-site days fit', () => {
    fc.assert(
      fc.property(candidate, opportunity, (c, o) => {
        const facts = pairFacts(c, o);
        const { score } = scorePair(c, o);
        if (facts.facts.has('onsiteFits')) expect(score).toBe(scoreCeiling(facts));
        else expect(score).toBeLessThan(scoreCeiling(facts));
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

  it('narrows: nothing above the best possible score, everything at zero or below', () => {
    fc.assert(
      fc.property(candidate, (c) => {
        const side = sideOfCandidate(c);
        const best = WEIGHTS.skill * side.maxShared + side.possible.reduce((s, f) => s + FACT_WEIGHTS[f], 0);
        expect(prefilterFor(best + 0.5, side)).toEqual([]);
        expect(admitsEverything(prefilterFor(0, side))).toBe(true);
        expect(thresholdGuesses(side)[0]).toBeLessThanOrEqual(best);
      }),
    );
  });

  it('asks a candidate who wants a style and a region, with remote hours, for what a top row needs', () => {
    const side = sideOfCandidate({
      skills: ['EC', 'マーケティング', '英語'], desiredWorkStyles: [WorkStyle.SIDE_JOB], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 4,
      desiredRegionIds: ['kesennuma'], attendedRegionIds: [],
    });
    expect(side).toEqual({ possible: ['workStyle', 'desiredRegion', 'onsiteFits', 'remote'], maxShared: 3 });
    // 11 = a shared skill (3) + style (3) + region (2) + on-site days (2) + remote (1): the first guess.
    expect(thresholdGuesses(side)[0]).toBe(11);
    expect(prefilterFor(11, side)).toEqual([
      // one shared skill and every fact…
      { minShared: 1, facts: ['workStyle', 'desiredRegion', 'onsiteFits', 'remote'] },
      // …or two or more (up to three, 9) and facts worth 2 more.
      { minShared: 2, facts: ['workStyle'] },
      { minShared: 2, facts: ['desiredRegion'] },
      { minShared: 2, facts: ['onsiteFits'] },
    ]);
    // No skills in common caps a row at 3 + 2 + 2 + 1 = 8: at 8.5 it must share one.
    expect(prefilterFor(8.5, side).every((t) => t.minShared >= 1)).toBe(true);
    expect(FACTS).toHaveLength(5);
  });
});
