import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz } from './timestamps.js';

const postgresDate = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date | number;
const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

describe('parseTimestamptz', () => {
  it('reads every timestamptz PostgreSQL writes with DateStyle ISO to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 1, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 28 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          // PostgreSQL drops trailing zeros: 0 to 6 digits.
          fraction: fc.stringMatching(/^(\d{0,5}[1-9])?$/),
          offsetMinutes: fc.oneof(fc.integer({ min: -15, max: 15 }).map((h) => h * 60), fc.integer({ min: -15 * 60, max: 15 * 60 })),
        }),
        ({ year, month, day, hour, minute, second, fraction, offsetMinutes }) => {
          const sign = offsetMinutes < 0 ? '-' : '+';
          const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60), 2)}${offsetMinutes % 60 === 0 ? '' : `:${pad(offsetMinutes % 60, 2)}`}`;
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction ? `.${fraction}` : ''}${offset}`;
          const expected = new Date(0);
          expected.setUTCFullYear(year, month - 1, day);
          expected.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
          expect((parseTimestamptz(text) as Date).getTime()).toBe(expected.getTime() - offsetMinutes * 60_000);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('agrees with postgres-date on the rows PostgreSQL sends', () => {
    for (const text of ['2026-12-01 06:00:00+00', '2026-12-01 15:00:00.5+09', '2026-03-14 10:30:00.123456+05:30', '1999-12-31 19:00:00-05', '0099-06-15 12:00:00+00']) {
      expect(parseTimestamptz(text)).toEqual(postgresDate(text));
    }
  });

  it('leaves every other form to postgres-date', () => {
    expect(parseTimestamptz('infinity')).toBe(Infinity);
    expect(parseTimestamptz('-infinity')).toBe(-Infinity);
    for (const text of ['0044-03-15 12:00:00+00 BC', '10000-01-01 00:00:00+00', '1880-01-01 00:00:00+09:18:59', '2026-12-01 06:00:00Z']) {
      expect(parseTimestamptz(text)).toEqual(postgresDate(text));
    }
  });
});
