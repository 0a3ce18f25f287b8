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
