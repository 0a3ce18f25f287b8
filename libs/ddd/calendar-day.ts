/**
 * Calendar days in Japan (the contract's `Date`: YYYY-MM-DD, Asia/Tokyo), as strings.
 * Strings compare in calendar order, survive JSON and the database unchanged (pg reads
 * `date` columns as text, see libs/database) and never shift with the server's time zone.
 */
export type CalendarDay = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Japan has no daylight saving time: always UTC+9. */
const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** Whether `value` is a real day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(value: unknown): value is CalendarDay {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const toEpochDay = (day: CalendarDay): number => Math.round(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
const fromEpochDay = (n: number): CalendarDay => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

/** The day it is in Japan at `now`. */
export function tokyoToday(now: Date = new Date()): CalendarDay {
  return new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` moved by `days` (negative goes back). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  return fromEpochDay(toEpochDay(day) + days);
}

/** Whole days from `from` to `to` (the nights of a stay [from, to)); negative when `to` is earlier. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The instant a day begins in Japan (midnight JST). */
export function startOfTokyoDay(day: CalendarDay): Date {
  return new Date(toEpochDay(day) * MS_PER_DAY - TOKYO_OFFSET_MS);
}

/** Days [start, end): start included, end excluded. */
export interface DayRange {
  start: CalendarDay;
  end: CalendarDay;
}

/** Whether two ranges share a day. */
export function rangesOverlap(a: DayRange, b: DayRange): boolean {
  return a.start < b.end && b.start < a.end;
}
