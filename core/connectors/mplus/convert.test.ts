import { describe, expect, it } from 'vitest';
import {
  centsFromDecimalText,
  decimalTextFromCents,
  eurosToCents,
  formatScalar,
  isoToMplusDate,
  isoToMplusDateTime,
  mplusDateTimeToIso,
  mplusDateToIso,
  parseScalar,
  scaleQuantity,
  unscaleQuantity,
} from './convert';
import { MplusShapeError } from './errors';

describe('money', () => {
  it('converts euros to whole cents without float drift', () => {
    expect(eurosToCents(19.95)).toBe(1995);
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(eurosToCents(1.005)).toBe(101);
    expect(eurosToCents(-2.5)).toBe(-250);
  });

  it('reads and writes decimal amounts as cents exactly', () => {
    expect(['12.5', '-0.05', '3', '.5', '1.005', ' 7.10 '].map((t) => centsFromDecimalText(t))).toEqual([1250, -5, 300, 50, 101, 710]);
    expect(() => centsFromDecimalText('twelve')).toThrow(MplusShapeError);
    expect([1250, -5, 0, 100001].map(decimalTextFromCents)).toEqual(['12.50', '-0.05', '0.00', '1000.01']);
  });
});

describe('quantities', () => {
  it('splits a decimal quantity into the wire integer and decimal places', () => {
    expect(scaleQuantity(2.5)).toEqual({ amount: 25, decimalPlaces: 1 });
    expect(scaleQuantity(0.53)).toEqual({ amount: 53, decimalPlaces: 2 });
    expect(scaleQuantity(3)).toEqual({ amount: 3, decimalPlaces: 0 });
    expect(scaleQuantity(-1.5)).toEqual({ amount: -15, decimalPlaces: 1 });
    expect(scaleQuantity(0.1 + 0.2)).toEqual({ amount: 3, decimalPlaces: 1 });
    expect(() => scaleQuantity(1e-10, 'q')).toThrow('q: 1e-10 has more than 9 decimals');
  });

  it('joins them again; absent decimal places mean 0', () => {
    expect(unscaleQuantity(530, 3)).toBe(0.53);
    expect(unscaleQuantity(25, 1)).toBe(2.5);
    expect(unscaleQuantity(7)).toBe(7);
  });
});

describe('dates (Europe/Amsterdam wall clock)', () => {
  it('maps SoapMplusDate to YYYY-MM-DD; the zero date is "not set"', () => {
    expect(mplusDateToIso({ day: 1, mon: 3, year: 2026 })).toBe('2026-03-01');
    expect(mplusDateToIso({ day: 0, mon: 0, year: 0 })).toBeUndefined();
    expect(isoToMplusDate('2026-12-31')).toEqual({ day: 31, mon: 12, year: 2026 });
    expect(() => isoToMplusDate('2026-02-30', 'order.financialDate')).toThrow('order.financialDate: "2026-02-30" is not a date');
  });

  it('writes instants as Amsterdam wall clock with the offset in minutes and isdst=false', () => {
    expect(isoToMplusDateTime('2026-07-01T12:00:00Z')).toEqual({ sec: 0, min: 0, hour: 14, day: 1, mon: 7, year: 2026, isdst: false, timezone: 120 });
    expect(isoToMplusDateTime('2026-01-15T12:00:00+00:00')).toMatchObject({ hour: 13, timezone: 60 });
    expect(isoToMplusDateTime('2026-12-31T23:30:00-01:00')).toMatchObject({ day: 1, mon: 1, year: 2027, hour: 1, min: 30 });
    // Without an offset the time already is Amsterdam local time.
    expect(isoToMplusDateTime('2026-07-01T12:00:00')).toMatchObject({ hour: 12, timezone: 120 });
    expect(() => isoToMplusDateTime('yesterday')).toThrow(/is not an ISO 8601 date-time/);
  });

  it('reads SoapMplusDateTime as Amsterdam local time, whatever its timezone field says', () => {
    const winter = { sec: 5, min: 15, hour: 10, day: 1, mon: 3, year: 2026, isdst: false, timezone: 0 };
    expect(mplusDateTimeToIso(winter)).toBe('2026-03-01T10:15:05+01:00');
    expect(mplusDateTimeToIso({ ...winter, mon: 8, timezone: 120 })).toBe('2026-08-01T10:15:05+02:00');
    expect(mplusDateTimeToIso({ ...winter, day: 0, mon: 0, year: 0 })).toBeUndefined();
  });

  it('round-trips across the DST changes; an ambiguous autumn hour is the first one', () => {
    for (const iso of ['2026-03-29T01:59:59+01:00', '2026-03-29T03:00:00+02:00', '2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00']) {
      const struct = isoToMplusDateTime(iso);
      expect(mplusDateTimeToIso(struct)?.slice(0, 19)).toBe(iso.slice(0, 19));
    }
    expect(mplusDateTimeToIso(isoToMplusDateTime('2026-10-25T02:30:00'))).toBe('2026-10-25T02:30:00+02:00');
  });
});

describe('scalars', () => {
  it('parses XSD built-ins strictly', () => {
    expect(parseScalar('xs:long', ' 42 ', 'p')).toBe(42);
    expect(() => parseScalar('xs:long', '9007199254740993', 'p')).toThrow(/too large/);
    expect(() => parseScalar('xs:int', 'TEA-POT-8', 'a.articleNumber')).toThrow('a.articleNumber: "TEA-POT-8" is not a whole number');
    expect([parseScalar('xs:boolean', '1', 'p'), parseScalar('xs:boolean', 'false', 'p')]).toEqual([true, false]);
    expect(parseScalar('xs:decimal', '12.50', 'p')).toBe(12.5);
    expect(parseScalar('xs:string', '  spaced  ', 'p')).toBe('  spaced  ');
  });

  it('formats them and refuses what the type cannot hold', () => {
    expect(formatScalar('xs:int', 7, 'p')).toBe('7');
    expect(() => formatScalar('xs:int', 2 ** 31, 'p')).toThrow(/out of range/);
    expect(() => formatScalar('xs:long', 1.5, 'p')).toThrow(/whole number/);
    expect(() => formatScalar('xs:string', 'bell\u0007', 'p')).toThrow(/control character/);
    expect(formatScalar('xs:decimal', 1e-7, 'p')).toBe('0.0000001');
    expect(formatScalar('xs:boolean', false, 'p')).toBe('false');
  });
});
