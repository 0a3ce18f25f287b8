import { ratio, suppress } from './suppression.js';

/** The funnel's stages, in order (contract FunnelStage). */
export const FUNNEL_STAGES = [
  'SIGNED_UP',
  'PROFILE_SAVED',
  'EVENT_REGISTERED',
  'EVENT_ATTENDED',
  'CONSULTED',
  'INTERESTED_OR_SCOUTED',
  'MATCHED',
  'ENGAGED',
  'TRIAL_STAY',
  'DUAL_REGION',
  'RELOCATED',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** People of a cohort at each stage, as counted (before suppression). */
export type StageCounts = Record<FunnelStage, number>;

export interface FunnelStep {
  stage: FunnelStage;
  people: number | null;
  conversion: number | null;
}

/**
 * The steps as shown: each count suppressed; conversion = people at this stage / people at
 * the previous one (null for the first, or where either count is suppressed or zero). It can
 * exceed 1 where people skip a stage.
 */
export function funnelSteps(counts: StageCounts): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    people: suppress(counts[stage]),
    conversion: i === 0 ? null : ratio(counts[stage], counts[FUNNEL_STAGES[i - 1]]),
  }));
}

/**
 * The slices' steps, suppressed so that no hidden cell can be worked back from the others:
 * the funnel's own steps show each stage's total, and the slices of a dimension (age band,
 * home prefecture) add up to it, so one hidden slice would be total minus the rest. Per
 * stage, the cells of 1 or 2 are hidden, then the smallest others beside them until at least
 * two are hidden and they hold at least 3 people between them (complementary suppression).
 * Conversions from a hidden cell are hidden too.
 */
export function sliceSteps(slices: ReadonlyArray<{ counts: StageCounts }>): FunnelStep[][] {
  const hidden = slices.map(() => new Set<FunnelStage>());
  for (const stage of FUNNEL_STAGES) {
    const cells = slices.map((slice, index) => ({ index, n: slice.counts[stage] }));
    const small = cells.filter((c) => suppress(c.n) === null);
    if (small.length === 0) continue;
    const chosen = new Set(small.map((c) => c.index));
    let sum = small.reduce((total, c) => total + c.n, 0);
    const others = cells.filter((c) => !chosen.has(c.index) && c.n > 0).sort((a, b) => a.n - b.n || a.index - b.index);
    while ((chosen.size < 2 || sum < 3) && others.length > 0) {
      const next = others.shift()!;
      chosen.add(next.index);
      sum += next.n;
    }
    for (const index of chosen) hidden[index].add(stage);
  }
  return slices.map((slice, i) => {
    const shown = (stage: FunnelStage) => (hidden[i].has(stage) ? null : suppress(slice.counts[stage]));
    return FUNNEL_STAGES.map((stage, k) => {
      const previous = k === 0 ? null : FUNNEL_STAGES[k - 1];
      const conversion =
        previous === null || shown(stage) === null || shown(previous) === null ? null : ratio(slice.counts[stage], slice.counts[previous]);
      return { stage, people: shown(stage), conversion };
    });
  });
}

export const FUNNEL_DIMENSIONS = ['AGE_BAND', 'WORK_STYLE', 'HOME_PREFECTURE', 'EVENT'] as const;
export type FunnelDimension = (typeof FUNNEL_DIMENSIONS)[number];

/** Japanese labels of slice keys that are codes; prefectures and event titles are their own labels. */
const LABELS: Record<string, string> = {
  UNDER_40: '40歳未満',
  FORTIES: '40代',
  FIFTIES: '50代',
  SIXTIES_AND_OVER: '60代以上',
  PRO_BONO: 'プロボノ',
  SIDE_JOB: '副業・兼業',
  JOB_CHANGE: '転職',
  STARTUP: '起業・事業承継',
  UNKNOWN: '未回答',
};

export const sliceLabel = (key: string): string => LABELS[key] ?? key;
