/**
 * Small-count suppression (contract 80-insights): any count of people or of acts that is 1
 * or 2 is shown as null, so no one can be singled out; 0 is shown. Whatever is computed
 * from a suppressed count is null too. The analysts' SQL views apply the same rule
 * (`insights.suppress`).
 */
export function suppress(count: number): number | null {
  return count === 1 || count === 2 ? null : count;
}

/** `numerator / denominator`, null when either is suppressed or the denominator is 0. */
export function ratio(numerator: number, denominator: number, digits = 4): number | null {
  if (suppress(numerator) === null || suppress(denominator) === null || denominator === 0) return null;
  return round(numerator / denominator, digits);
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The middle of the values (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * An event's seat figures as shown. Once it is completed, confirmed = attended + noShows:
 * with one of them hidden the other two would give it away, so all three are hidden together.
 */
export function seatFigures(confirmed: number, attended: number, noShows: number): {
  confirmed: number | null;
  attended: number | null;
  noShows: number | null;
} {
  if (suppress(attended) === null || suppress(noShows) === null) return { confirmed: null, attended: null, noShows: null };
  return { confirmed: suppress(confirmed), attended, noShows };
}
