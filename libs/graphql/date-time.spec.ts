import { GraphQLISODateTime } from '@nestjs/graphql';
import fc from 'fast-check';
import { Kind } from 'graphql';
import { DateTimeScalar, isoString } from './date-time.js';

describe('DateTime', () => {
  it('writes every date as toISOString does, from year 0 to 9999 and beyond', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(isoString(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const text of ['0000-01-01T00:00:00.000Z', '0009-02-03T04:05:06.007Z', '0099-12-31T23:59:59.999Z', '0999-06-15T12:00:00.050Z', '9999-12-31T23:59:59.999Z', '2026-12-01T06:00:00.000Z']) {
      expect(isoString(new Date(text))).toBe(text);
    }
    expect(isoString(new Date(Date.UTC(10000, 0, 1)))).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoString(new Date(Date.UTC(-1, 0, 1)))).toBe('-000001-01-01T00:00:00.000Z');
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => isoString(new Date(NaN))).toThrow(RangeError);
  });

  it("is Nest's DateTime to the schema and to inputs: same name, description and parsing", () => {
    expect(DateTimeScalar.name).toBe('DateTime');
    expect(DateTimeScalar.description).toBe(GraphQLISODateTime.description);
    expect(DateTimeScalar.parseValue('2026-12-01T06:00:00Z')).toEqual(new Date('2026-12-01T06:00:00Z'));
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-12-01T06:00:00Z' })).toEqual(new Date('2026-12-01T06:00:00Z'));
    expect(DateTimeScalar.serialize(new Date('2026-12-01T06:00:00.5Z'))).toBe('2026-12-01T06:00:00.500Z');
    expect(DateTimeScalar.serialize('2026-12-01')).toBeNull();
  });
});
