import { addDays, daysBetween, isCalendarDay, rangesOverlap, startOfTokyoDay, tokyoToday } from './calendar-day.js';

describe('calendar days in Japan', () => {
  it('accepts only real days written YYYY-MM-DD', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('2026-01-01T00:00:00Z')).toBe(false);
    expect(isCalendarDay(20260101)).toBe(false);
  });

  it('counts the day in Tokyo, not in UTC', () => {
    // 15:00 UTC on 30 Nov is already 1 Dec in Japan.
    expect(tokyoToday(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
    expect(tokyoToday(new Date('2026-11-30T14:59:59Z'))).toBe('2026-11-30');
    expect(startOfTokyoDay('2026-12-01').toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('moves across months and years and counts nights', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3);
  });

  it('sees ranges that share a night, not ranges that only touch', () => {
    expect(rangesOverlap({ start: '2026-12-01', end: '2026-12-04' }, { start: '2026-12-03', end: '2026-12-05' })).toBe(true);
    expect(rangesOverlap({ start: '2026-12-01', end: '2026-12-04' }, { start: '2026-12-04', end: '2026-12-05' })).toBe(false);
  });
});
