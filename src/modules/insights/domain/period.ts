import { InvalidInputError } from '#libs/ddd/errors.js';
import { daysBetween, isCalendarDay, startOfTokyoDay, type CalendarDay } from '#libs/ddd/calendar-day.js';

/** A period of whole months in Japan, [from, to), as instants for the read models' queries. */
export interface Period {
  from: CalendarDay;
  to: CalendarDay;
  fromInstant: Date;
  toInstant: Date;
}

/** At most 10 years in one answer. */
const MAX_DAYS = 3_660;

const firstOfMonth = (day: CalendarDay) => isCalendarDay(day) && day.endsWith('-01');

/** Checks from and to are first days of months with from < to (else BAD_USER_INPUT naming the field). */
export function monthPeriod(from: CalendarDay, to: CalendarDay): Period {
  if (!firstOfMonth(from)) throw InvalidInputError.field('from', 'must be the first day of a month, e.g. 2025-04-01');
  if (!firstOfMonth(to)) throw InvalidInputError.field('to', 'must be the first day of a month, e.g. 2026-04-01');
  if (to <= from) throw InvalidInputError.field('to', 'must be after from');
  if (daysBetween(from, to) > MAX_DAYS) throw InvalidInputError.field('to', 'must be at most 10 years after from');
  return { from, to, fromInstant: startOfTokyoDay(from), toInstant: startOfTokyoDay(to) };
}

/** Fiscal year N (令和7年度 = 2025): N-04-01 to (N+1)-04-01. */
export function fiscalYearPeriod(fiscalYear: number): Period {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
    throw InvalidInputError.field('fiscalYear', 'must be a year from 2000 to 2100');
  }
  return monthPeriod(`${fiscalYear}-04-01`, `${fiscalYear + 1}-04-01`);
}
