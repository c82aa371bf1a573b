import { describe, expect, it } from 'vitest';
import { nextRunTimes } from '../lib/cron';
import { localTimeZone, overlapWarning, scheduleTimes, spanWords } from './scheduleTimes';

const JUNE_1_NOON_UTC = Date.UTC(2026, 5, 1, 12);

describe('a schedule\'s next times on screen', () => {
  it('are the times `sincro schedule list` computes, written in the schedule\'s named time zone', () => {
    const schedule = { cron: '0 6 * * *', timezone: localTimeZone() === 'Asia/Tokyo' ? 'America/New_York' : 'Asia/Tokyo' };
    const times = scheduleTimes(schedule, 'UTC', JUNE_1_NOON_UTC);
    expect(times.zoneNamed).toBe(schedule.timezone);
    expect(times.next).toHaveLength(3);
    const format = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: schedule.timezone });
    expect(times.next).toEqual(nextRunTimes(schedule, 3, JUNE_1_NOON_UTC).map((t) => format.format(new Date(t))));
    for (const t of times.next) expect(t).toMatch(/06:00/);
  });

  it('without a time zone of its own: computed in the host\'s, written in the user\'s own, unnamed', () => {
    const times = scheduleTimes({ cron: '30 * * * *' }, 'UTC', JUNE_1_NOON_UTC);
    expect(times.zoneNamed).toBeNull();
    expect(times.next).toHaveLength(3);
    for (const t of times.next) expect(t).toMatch(/:30/);
  });
});

describe('the warning for a schedule faster than the flow', () => {
  const took = 7 * 60_000 + 12_000;
  it('says the interval and how long the last run took', () => {
    expect(overlapWarning({ cron: '*/5 * * * *' }, 'UTC', took, JUNE_1_NOON_UTC)).toBe('Runs every 5 minutes, but its last run took 7 min 12 s: a time that comes while it runs is skipped.');
    expect(overlapWarning({ cron: '* * * * *' }, 'UTC', took, JUNE_1_NOON_UTC)).toMatch(/^Runs every minute, but/);
  });
  it('is not shown when the runs fit between the times, or the flow has not run', () => {
    expect(overlapWarning({ cron: '*/15 * * * *' }, 'UTC', took, JUNE_1_NOON_UTC)).toBeNull();
    expect(overlapWarning({ cron: '*/5 * * * *' }, 'UTC', null, JUNE_1_NOON_UTC)).toBeNull();
  });
  it('looks at the shortest gap: */7 restarts at :00, 4 minutes after :56', () => {
    expect(overlapWarning({ cron: '*/7 * * * *' }, 'UTC', 5 * 60_000, JUNE_1_NOON_UTC)).toBe('Runs every 4 minutes, but its last run took 5 min 0 s: a time that comes while it runs is skipped.');
  });
});

describe('spans in words', () => {
  it.each([
    [45_000, '45 seconds'],
    [5 * 60_000, '5 minutes'],
    [90 * 60_000, '1 hour 30 minutes'],
    [86_400_000, '1 day'],
    [26 * 3_600_000, '1 day 2 hours'],
  ])('%i ms is "%s"', (ms, words) => expect(spanWords(ms)).toBe(words));
});
