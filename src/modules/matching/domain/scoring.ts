import type { WorkStyle } from '#libs/contracts/careers/work-style.js';

/**
 * How much each fit counts. One table, used by the scoring below and by the SQL that
 * ranks thousands of rows (infrastructure/recommendation.sql.ts), so both agree.
 */
export const WEIGHTS = {
  /** Per skill both sides name (NFKC, case-insensitive). */
  skill: 3,
  /** The opportunity's work style is one the candidate wants. */
  workStyle: 3,
  /** The candidate can be on site as many days a month as the work asks. */
  onsiteFits: 2,
  /** Per on-site day a month the work asks beyond what the candidate can give (subtracted). */
  onsiteShortfallPerDay: 0.5,
  /** Remote work is possible and the candidate offers remote hours. */
  remote: 1,
  /** The opportunity is in a region the candidate wants. */
  desiredRegion: 2,
  /**
   * The candidate has been to the opportunity's region: attended an event there, or
   * completed a stay there (housing). One fact, counted once, whichever reasons say so.
   */
  attendedInRegion: 1,
} as const;

export const WORK_STYLE_LABELS: Record<WorkStyle, string> = {
  PRO_BONO: 'プロボノ',
  SIDE_JOB: '副業・兼業',
  JOB_CHANGE: '転職',
  STARTUP: '起業・事業承継',
};

/** The candidate side of a pair. */
export interface CandidateFit {
  skills: string[];
  desiredWorkStyles: WorkStyle[];
  remoteHoursPerWeek: number;
  onsiteDaysPerMonth: number;
  desiredRegionIds: string[];
  /** Regions where the candidate checked in at an event. */
  attendedRegionIds: string[];
  /** Regions where the candidate completed a stay (housing's StayCompleted). */
  stayedRegionIds?: string[];
}

/** Whether the candidate has been to the region: an event attended or a stay completed there. */
export const hasBeenIn = (c: CandidateFit, regionId: string): boolean =>
  c.attendedRegionIds.includes(regionId) || (c.stayedRegionIds?.includes(regionId) ?? false);

/** The opportunity side of a pair. */
export interface OpportunityFit {
  skills: string[];
  workStyle: WorkStyle;
  remoteOk: boolean;
  onsiteDaysPerMonth: number;
  regionId: string;
  regionName: string;
}

export interface Scored {
  score: number;
  reasons: string[];
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * Scores one candidate–opportunity pair and says why, in words a person can check against
 * the two profiles. Only fits become reasons; a shortfall of on-site days lowers the score.
 */
export function scorePair(c: CandidateFit, o: OpportunityFit): Scored {
  const reasons: string[] = [];
  let score = 0;
  const wanted = new Set(c.skills.map(norm));
  const shared = o.skills.filter((s) => wanted.has(norm(s)));
  const sharedOnce = [...new Map(shared.map((s) => [norm(s), s])).values()];
  if (sharedOnce.length > 0) {
    score += WEIGHTS.skill * sharedOnce.length;
    reasons.push(`スキルが一致: ${sharedOnce.join('、')}`);
  }
  if (c.desiredWorkStyles.includes(o.workStyle)) {
    score += WEIGHTS.workStyle;
    reasons.push(`希望の働き方(${WORK_STYLE_LABELS[o.workStyle]})`);
  }
  if (o.onsiteDaysPerMonth <= c.onsiteDaysPerMonth) {
    score += WEIGHTS.onsiteFits;
    reasons.push(
      o.onsiteDaysPerMonth === 0
        ? '現地に行かずにできる仕事'
        : `現地の日数が合う(求人は月${o.onsiteDaysPerMonth}日、希望は月${c.onsiteDaysPerMonth}日まで)`,
    );
  } else {
    score -= WEIGHTS.onsiteShortfallPerDay * (o.onsiteDaysPerMonth - c.onsiteDaysPerMonth);
  }
  if (o.remoteOk && c.remoteHoursPerWeek > 0) {
    score += WEIGHTS.remote;
    reasons.push(`リモート可(週${c.remoteHoursPerWeek}時間まで対応できる)`);
  }
  if (c.desiredRegionIds.includes(o.regionId)) {
    score += WEIGHTS.desiredRegion;
    reasons.push(`希望地域の仕事(${o.regionName})`);
  }
  if (hasBeenIn(c, o.regionId)) {
    score += WEIGHTS.attendedInRegion;
    if (c.attendedRegionIds.includes(o.regionId)) reasons.push(`${o.regionName}のイベントに参加したことがある`);
    if (c.stayedRegionIds?.includes(o.regionId)) reasons.push(`${o.regionName}に滞在したことがある`);
  }
  return { score, reasons };
}
