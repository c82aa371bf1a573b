import { afterEach, describe, expect, it } from 'vitest';
import { localDate } from './local-date';

const zone = process.env['TZ'];
afterEach(() => {
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
});

describe('localDate', () => {
  it('is the day on the shop’s clock, not in UTC: half past midnight on New Year’s Day in Brussels is the new year', () => {
    process.env['TZ'] = 'Europe/Brussels';
    expect(localDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(new Date('2026-12-31T23:30:00Z').toISOString().slice(0, 10)).toBe('2026-12-31');
    process.env['TZ'] = 'America/Curacao';
    expect(localDate(new Date('2027-01-01T02:00:00Z'))).toBe('2026-12-31');
  });
});
