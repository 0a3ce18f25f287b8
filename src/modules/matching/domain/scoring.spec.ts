import fc from 'fast-check';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { scorePair, type CandidateFit, type OpportunityFit } from './scoring.js';

const opportunity: OpportunityFit = {
  skills: ['マーケティング', 'EC', '英語'], workStyle: WorkStyle.SIDE_JOB, remoteOk: true, onsiteDaysPerMonth: 2,
  regionId: 'kesennuma', regionName: '気仙沼市',
};
const fits: CandidateFit = {
  skills: ['ＥＣ', 'マーケティング', '経理'], desiredWorkStyles: [WorkStyle.SIDE_JOB, WorkStyle.PRO_BONO],
  remoteHoursPerWeek: 10, onsiteDaysPerMonth: 4, desiredRegionIds: ['kesennuma'], attendedRegionIds: ['kesennuma'],
};
const fitsLess: CandidateFit = {
  skills: ['経理'], desiredWorkStyles: [WorkStyle.JOB_CHANGE], remoteHoursPerWeek: 0, onsiteDaysPerMonth: 0,
  desiredRegionIds: [], attendedRegionIds: [],
};

describe('scorePair', () => {
  it('ranks a candidate whose skills, style and availability fit above one that fits less', () => {
    expect(scorePair(fits, opportunity).score).toBeGreaterThan(scorePair(fitsLess, opportunity).score);
  });

  it('gives reasons that are true of the pair', () => {
    expect(scorePair(fits, opportunity).reasons).toEqual([
      'スキルが一致: マーケティング、EC',
      '希望の働き方(副業・兼業)',
      '現地の日数が合う(求人は月2日、希望は月4日まで)',
      'リモート可(週10時間まで対応できる)',
      '希望地域の仕事(気仙沼市)',
      '気仙沼市のイベントに参加したことがある',
    ]);
    expect(scorePair(fitsLess, opportunity).reasons).toEqual([]);
  });

  it('says a completed stay in the region (housing) as a reason, counting having been there once', () => {
    const stayed = scorePair({ ...fitsLess, stayedRegionIds: ['kesennuma'] }, opportunity);
    expect(stayed.reasons).toEqual(['気仙沼市に滞在したことがある']);
    const attended = scorePair({ ...fitsLess, attendedRegionIds: ['kesennuma'] }, opportunity);
    expect(stayed.score).toBe(attended.score);
    const both = scorePair({ ...fitsLess, attendedRegionIds: ['kesennuma'], stayedRegionIds: ['kesennuma'] }, opportunity);
    expect(both.reasons).toEqual(['気仙沼市のイベントに参加したことがある', '気仙沼市に滞在したことがある']);
    expect(both.score).toBe(attended.score);
    expect(scorePair({ ...fitsLess, stayedRegionIds: ['ofunato'] }, opportunity).reasons).toEqual([]);
  });

  it('counts each fit once: one more shared skill always scores higher', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }), (skills) => {
        const base = scorePair({ ...fitsLess, skills }, { ...opportunity, skills: ['a', 'b', 'c', 'd', 'e'] }).score;
        const more = scorePair({ ...fitsLess, skills: [...skills, 'z'] }, { ...opportunity, skills: ['a', 'b', 'c', 'd', 'e', 'z'] }).score;
        return more > base;
      }),
    );
  });

  it('gives a reason only when its fact holds', () => {
    const styles = Object.values(WorkStyle);
    fc.assert(
      fc.property(
        fc.record({
          skills: fc.subarray(['経理', 'EC', 'ＩＴ', 'it', '営業']),
          desiredWorkStyles: fc.subarray(styles),
          remoteHoursPerWeek: fc.integer({ min: 0, max: 40 }),
          onsiteDaysPerMonth: fc.integer({ min: 0, max: 31 }),
          desiredRegionIds: fc.subarray(['kesennuma', 'ofunato']),
          attendedRegionIds: fc.subarray(['kesennuma', 'ofunato']),
        }),
        fc.record({
          skills: fc.subarray(['経理', 'EC', 'IT', 'マーケティング']),
          workStyle: fc.constantFrom(...styles),
          remoteOk: fc.boolean(),
          onsiteDaysPerMonth: fc.integer({ min: 0, max: 31 }),
          regionId: fc.constantFrom('kesennuma', 'ofunato'),
          regionName: fc.constant('市'),
        }),
        (c, o) => {
          const { reasons } = scorePair(c, o);
          const has = (prefix: string) => reasons.some((r) => r.startsWith(prefix));
          const wanted = new Set(c.skills.map((s) => s.normalize('NFKC').toLowerCase()));
          expect(has('スキルが一致')).toBe(o.skills.some((s) => wanted.has(s.normalize('NFKC').toLowerCase())));
          expect(has('希望の働き方')).toBe(c.desiredWorkStyles.includes(o.workStyle));
          expect(has('現地')).toBe(o.onsiteDaysPerMonth <= c.onsiteDaysPerMonth);
          expect(has('リモート可')).toBe(o.remoteOk && c.remoteHoursPerWeek > 0);
          expect(has('希望地域')).toBe(c.desiredRegionIds.includes(o.regionId));
          expect(reasons.some((r) => r.endsWith('イベントに参加したことがある'))).toBe(c.attendedRegionIds.includes(o.regionId));
        },
      ),
    );
  });
});
