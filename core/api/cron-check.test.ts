/**
 * The one cron check (issue 11 §7): a table of what it accepts and refuses, with the words each
 * accepted one is put in; and a property over generated cron-like strings that the words describe
 * only what the check accepts (before: "61 * * * *" read "Every hour at 61 minutes past" and
 * "*\/0 * * * *" "Every 0 minutes", both refused on save).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCron, CronError, cronOf, cronProblem, nextRunTimes, shortestInterval } from './cron-check';
import { cronInWords, NOT_A_SCHEDULE } from './cron-words';

const VALID: Array<[string, string]> = [
  ['*/15 * * * *', 'Every 15 minutes'],
  ['* * * * *', 'Every minute'],
  ['*/1 * * * *', 'Every minute'],
  ['*/7 * * * *', 'Every 7 minutes from :00 to :56, each hour'],
  ['0 * * * *', 'Every hour, on the hour'],
  ['59 * * * *', 'Every hour at 59 minutes past'],
  ['0 */6 * * *', 'Every 6 hours, on the hour'],
  ['15 */5 * * *', 'Every 5 hours from 00:15 to 20:15, each day'],
  ['0 6 * * *', 'Every day at 06:00'],
  ['7 6,18 * * *', 'Every day at 06:07 and 18:07'],
  ['0 7 * * 1-5', 'Weekdays at 07:00'],
  ['0 9 * * 0,6', 'Weekends at 09:00'],
  ['0 9 * * 1,3', 'Every Monday and Wednesday at 09:00'],
  ['0 9 * * 7', 'Every Sunday at 09:00'],
  ['0 4 1 * *', 'On day 1 of every month at 04:00'],
  ['0 6 * * MON', 'Custom schedule: 0 6 * * MON'],
  ['0 0 L * *', 'Custom schedule: 0 0 L * *'],
  ['5-59/15 * * * *', 'Custom schedule: 5-59/15 * * * *'],
  // Six fields: seconds first, accepted by the check and the server alike.
  ['* * * * * *', 'Every second'],
  ['*/10 * * * * *', 'Every 10 seconds'],
  ['0 */15 * * * *', 'Every 15 minutes'],
  ['30 0 6 * * *', 'Custom schedule (with seconds): 30 0 6 * * *'],
  ['@daily', 'Every day at 00:00'],
  ['@hourly', 'Every hour, on the hour'],
  ['  0 6 * * *  ', 'Every day at 06:00'],
];

const INVALID: Array<[string, RegExp]> = [
  ['61 * * * *', /the minute 61 is out of range \(minutes go from 0 to 59\)/],
  ['*/0 * * * *', /a step of 0 minutes \("\/0"\) never moves on; use 1 or more/],
  ['0-59/0 * * * *', /a step of 0 minutes/],
  ['*/60 * * * *', /a step of 60 minutes is longer than the minute field/],
  ['0 24 * * *', /the hour 24 is out of range \(hours go from 0 to 23\)/],
  ['0 0 0 * *', /the day of the month 0 is out of range \(days of the month go from 1 to 31\)/],
  ['0 0 1 13 *', /the month 13 is out of range \(months go from 1 to 12\)/],
  ['0 0 * * 8', /the day of the week 8 is out of range \(days of the week go from 0 to 7\)/],
  ['60 * * * * *', /the second 60 is out of range/],
  ['0 0 * * 5-1', /range 5-1 runs backwards/],
  ['5/15 * * * *', /write "5-59\/15"/],
  ['1,,2 * * * *', /empty entry between its commas/],
  ['* * *', /has 3 parts; a schedule has five/],
  // croner reads a seventh field as years; the README promises five or six.
  ['* * * * * * *', /has 7 parts/],
  ['', /The schedule is empty/],
  ['@reboot', /is not one Sincro knows/],
  ['0 0 31 2 *', /never runs/],
  ['0 0 * * 5#6', /is not a valid cron expression: nth weekday out of range/],
  ['x * * * *', /is not a valid cron expression/],
];

describe('the cron check', () => {
  it.each(VALID)('accepts %j and says "%s"', (cron, words) => {
    expect(cronProblem(cron)).toBeUndefined();
    expect(() => checkCron(cron)).not.toThrow();
    expect(cronInWords(cron)).toBe(words);
    expect(nextRunTimes({ cron }, 3, Date.UTC(2026, 5, 1))).toHaveLength(3);
  });

  it.each(INVALID)('refuses %j with a message naming what is wrong', (cron, message) => {
    expect(cronProblem(cron)).toMatch(message);
    expect(() => checkCron(cron)).toThrow(CronError);
    expect(() => checkCron(cron)).toThrow(message);
    // The words never describe a refused expression.
    expect(cronInWords(cron)).toBe(NOT_A_SCHEDULE);
  });

  it('refuses a time zone it does not know, and computes in one it does', () => {
    expect(cronProblem('0 6 * * *', 'Mars/Olympus')).toBe('The schedule\'s time zone "Mars/Olympus" is not one Sincro knows. Use a name like "Europe/Amsterdam", or leave it out for this computer\'s time.');
    const times = nextRunTimes({ cron: '0 6 * * *', timezone: 'Europe/Amsterdam' }, 3, Date.UTC(2026, 5, 1, 12));
    // 06:00 in Amsterdam in June is 04:00 UTC.
    expect(times.map((t) => new Date(t).toISOString())).toEqual(['2026-06-02T04:00:00.000Z', '2026-06-03T04:00:00.000Z', '2026-06-04T04:00:00.000Z']);
  });

  it('the scheduler job refuses what the check refuses (one check for screen, host and scheduler)', () => {
    expect(() => cronOf({ cron: '61 * * * *' })).toThrow(CronError);
    expect(() => cronOf({ cron: '* * * * * * *' })).toThrow(/7 parts/);
  });

  it('finds the shortest time between two runs', () => {
    const at = Date.UTC(2026, 5, 1, 12);
    expect(shortestInterval({ cron: '*/5 * * * *', timezone: 'UTC' }, at)).toBe(5 * 60_000);
    // Restarting at :00 each hour: :56 to :00 is 4 minutes.
    expect(shortestInterval({ cron: '*/7 * * * *', timezone: 'UTC' }, at)).toBe(4 * 60_000);
    expect(shortestInterval({ cron: '0 7 * * 1-5', timezone: 'UTC' }, at)).toBe(86_400_000);
    expect(shortestInterval({ cron: '0 6,18 * * *', timezone: 'UTC' }, at)).toBe(12 * 3_600_000);
  });
});

describe('the words describe only what the check accepts', () => {
  const SEED = 11_07;
  const RUNS = 3_000;
  const field = fc.oneof(
    fc.constantFrom('*', '?', 'L', 'MON', 'JAN', '1L', '5#2', '15W', 'x', ''),
    fc.nat({ max: 70 }).map(String),
    fc.tuple(fc.nat({ max: 70 }), fc.nat({ max: 70 })).map(([a, b]) => `${a}-${b}`),
    fc.tuple(fc.constantFrom('*', '0', '0-59', '5'), fc.nat({ max: 70 })).map(([a, s]) => `${a}/${s}`),
    fc.array(fc.nat({ max: 70 }), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(',')),
  );
  const cronLike = fc.oneof(
    fc.array(field, { minLength: 5, maxLength: 5 }),
    fc.array(field, { minLength: 4, maxLength: 7 }),
    fc.tuple(fc.constantFrom('*/', '0 */', '*/1', '0 '), fc.nat({ max: 70 })).map(([a, n]) => [`${a}${n}`, '*', '*', '*', '*']),
  ).map((parts) => parts.join(' '));

  it(`${RUNS} generated expressions: refused ones read "${NOT_A_SCHEDULE}", accepted ones run and their numbers are in range (seed ${SEED})`, () => {
    fc.assert(
      fc.property(cronLike, (cron) => {
        const problem = cronProblem(cron);
        const words = cronInWords(cron);
        if (problem !== undefined) {
          if (words !== NOT_A_SCHEDULE) throw new Error(`Seed ${SEED}: "${cron}" is refused (${problem}) but reads "${words}"`);
          return;
        }
        if (words === NOT_A_SCHEDULE) throw new Error(`Seed ${SEED}: "${cron}" is accepted but reads "${words}"`);
        if (nextRunTimes({ cron, timezone: 'UTC' }, 1, Date.UTC(2026, 0, 1)).length !== 1) throw new Error(`Seed ${SEED}: "${cron}" is accepted but never runs`);
        const every = /^Every (\d+) (minute|hour|second)s/.exec(words);
        if (every && (Number(every[1]) < 1 || Number(every[1]) > (every[2] === 'hour' ? 23 : 59))) throw new Error(`Seed ${SEED}: "${cron}" reads "${words}"`);
        for (const [, h, m] of words.matchAll(/\b(\d\d):(\d\d)\b/g)) {
          if (Number(h) > 23 || Number(m) > 59) throw new Error(`Seed ${SEED}: "${cron}" reads "${words}"`);
        }
        const past = /at (\d+) minutes past/.exec(words);
        if (past && Number(past[1]) > 59) throw new Error(`Seed ${SEED}: "${cron}" reads "${words}"`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
