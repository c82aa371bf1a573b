/**
 * Daylight-saving changes in Europe/Amsterdam, run through the real scheduler on a fake clock
 * with real runs: no tick is run twice or lost beyond what the cron says. Spring forward on
 * 2026-03-29 (02:00 CET becomes 03:00 CEST, at 01:00 UTC); fall back on 2026-10-25 (03:00 CEST
 * becomes 02:00 CET, at 01:00 UTC).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SchedulerHarness } from '../testing/scheduler-harness';

let h: SchedulerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tz = 'Europe/Amsterdam';
const CRONS = {
  /** A fixed time of day: 02:30. */
  at230: '30 2 * * *',
  /** Fixed times given as a range: 01:30, 02:30, 03:30. */
  range: '30 1-3 * * *',
  /** Every half hour (a step: an interval job). */
  halfHourly: '*/30 * * * *',
  hourly: '0 * * * *',
} as const;

/** Every 30 minutes of real time from `from` (excluded) to `to` (included), in UTC. */
function every(minutes: number, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from) + minutes * 60_000; t <= Date.parse(to); t += minutes * 60_000) out.push(new Date(t).toISOString());
  return out;
}

async function runThrough(from: string, to: string) {
  h = new SchedulerHarness({ clock: from });
  for (const [id, cron] of Object.entries(CRONS)) h.schedule(id, { enabled: true, cron, timezone: tz });
  h.scheduler.start();
  await h.advanceTo(to);
  const harness = h;
  return Object.fromEntries(
    Object.keys(CRONS).map((id) => {
      // Nothing was skipped or missed, and each logged tick is one stored run.
      expect(harness.log(id).every(([outcome, , , ticks]) => outcome === 'fired' && ticks === 1)).toBe(true);
      expect(harness.storedRuns(id)).toHaveLength(harness.fired(id).length);
      return [id, harness.fired(id)];
    }),
  ) as Record<keyof typeof CRONS, string[]>;
}

describe('daylight saving time (Europe/Amsterdam)', () => {
  it('spring forward: a time in the skipped hour runs once, at 03:00; intervals lose no real time', async () => {
    const fired = await runThrough('2026-03-28T22:00:00.000Z', '2026-03-29T04:00:00.000Z');
    // 02:30 does not exist that night: it runs when the gap ends, 03:00 CEST.
    expect(fired.at230).toEqual(['2026-03-29T01:00:00.000Z']);
    // 01:30 CET, then 02:30 (skipped, so 03:00 CEST), then 03:30 CEST.
    expect(fired.range).toEqual(['2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z']);
    // Every 30 and 60 minutes of real time, straight through the jump.
    expect(fired.halfHourly).toEqual(every(30, '2026-03-28T22:00:00.000Z', '2026-03-29T04:00:00.000Z'));
    expect(fired.hourly).toEqual(every(60, '2026-03-28T22:00:00.000Z', '2026-03-29T04:00:00.000Z'));
  });

  it('fall back: a time in the repeated hour runs once; intervals run in both passes of it', async () => {
    const fired = await runThrough('2026-10-24T22:00:00.000Z', '2026-10-25T04:00:00.000Z');
    // 02:30 happens twice (CEST, then CET): it runs the first time only.
    expect(fired.at230).toEqual(['2026-10-25T00:30:00.000Z']);
    // 01:30 CEST, 02:30 CEST (not again at 02:30 CET), 03:30 CET.
    expect(fired.range).toEqual(['2026-10-24T23:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T02:30:00.000Z']);
    // The hour from 02:00 to 03:00 happens twice, and so do its half hours: 12 and 6 runs in 6 hours.
    expect(fired.halfHourly).toEqual(every(30, '2026-10-24T22:00:00.000Z', '2026-10-25T04:00:00.000Z'));
    expect(fired.hourly).toEqual(every(60, '2026-10-24T22:00:00.000Z', '2026-10-25T04:00:00.000Z'));
  });

  it('a machine asleep across the change catches up once, counting the ticks the cron really had', async () => {
    h = new SchedulerHarness({ clock: '2026-10-24T22:10:00.000Z' });
    h.schedule('halfHourly', { enabled: true, cron: CRONS.halfHourly, timezone: tz, catchUp: 'once' });
    h.scheduler.start();
    h.clock.sleep(6 * 3_600_000); // 22:10 to 04:10 UTC, through the repeated hour
    h.scheduler.wake();
    await h.settle();
    expect(h.log('halfHourly')).toEqual([['caught-up', '2026-10-24T22:30:00.000Z', '2026-10-25T04:00:00.000Z', 12]]);
    expect(h.storedRuns('halfHourly')).toHaveLength(1);
  });
});
