/**
 * One scheduler per data folder: two schedulers on one folder (two stores on one file, as two
 * processes have) fire each tick once; the second says who holds the lock; when the holder goes
 * silent, the other takes over after its heartbeat is stale, catches up, and the old one, should
 * it come back, fires nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAME_HOST_STALE_MS } from '../store/run-owner';
import { FakeClock } from '../testing/fake-clock';
import { tempDir } from '../testing/golden';
import { SchedulerHarness } from '../testing/scheduler-harness';
import type { HolderChange } from './scheduler';

let dir: ReturnType<typeof tempDir>;
let open: SchedulerHarness[] = [];
afterEach(async () => {
  for (const h of open) await h.close({ removeData: false });
  open = [];
  dir.remove();
});
const harness = (clock: FakeClock, name: string) => {
  const h = new SchedulerHarness({ clock, dataDir: dir.path, name });
  open.push(h);
  return h;
};
const minutely = { enabled: true, cron: '* * * * *', timezone: 'UTC' };

describe('the scheduler lock', () => {
  it('lets one of two schedulers on a data folder fire; the other says who holds it', async () => {
    dir = tempDir('sincro-lock-');
    const clock = new FakeClock(Date.parse('2026-06-01T10:00:30.000Z'));
    const app = harness(clock, 'the desktop app');
    const cli = harness(clock, 'sincro schedule run');
    app.schedule('f', minutely);
    const heard: HolderChange[] = [];
    cli.scheduler.events.on('holder', (c) => heard.push(c));
    app.scheduler.start();
    cli.scheduler.start();
    const settleBoth = async () => {
      await app.settle();
      await cli.settle();
    };
    await clock.advance(10 * 60_000, settleBoth);

    expect(heard).toEqual([{ held: false, holder: expect.objectContaining({ name: 'the desktop app', pid: process.pid, since: '2026-06-01T10:00:30.000Z', here: false }) }]);
    expect(cli.scheduler.status()).toMatchObject({ holding: false, holder: { name: 'the desktop app' } });
    expect(app.scheduler.status()).toMatchObject({ holding: true, holder: { name: 'the desktop app', here: true } });
    // Ten ticks, ten runs: not twenty.
    expect(app.fired('f')).toHaveLength(10);
    expect(new Set(app.fired('f')).size).toBe(10);
    expect(app.storedRuns('f')).toHaveLength(10);
    // The one that waits plans nothing but knows the next run.
    expect(cli.scheduler.nextRun('f')).toBe('2026-06-01T10:11:00.000Z');

    // A clean stop lets go: the other takes over at its next wake, with nothing to catch up.
    app.scheduler.stop();
    await clock.advance(60_000, settleBoth);
    expect(heard.at(-1)).toEqual({ held: true });
    expect(cli.fired('f')).toHaveLength(11);
    expect(cli.log('f').every(([o]) => o === 'fired')).toBe(true);
  });

  it('takes over from a holder whose heartbeat went stale, and the old holder, back, does not double-fire', async () => {
    dir = tempDir('sincro-lock-');
    const start = Date.parse('2026-06-01T10:00:30.000Z');
    // Each has its own clock: a process that hangs (suspended, stuck) sees no time pass.
    const hungClock = new FakeClock(start);
    const otherClock = new FakeClock(start);
    const hung = harness(hungClock, 'the desktop app');
    const other = harness(otherClock, 'sincro schedule run');
    hung.schedule('f', { ...minutely, catchUp: 'once' });
    hung.scheduler.start();
    other.scheduler.start();
    for (let i = 0; i < 3; i++) {
      await hungClock.advance(60_000, hung.settle);
      await otherClock.advance(60_000, other.settle);
    }
    expect(hung.fired('f')).toEqual(['2026-06-01T10:01:00.000Z', '2026-06-01T10:02:00.000Z', '2026-06-01T10:03:00.000Z']);

    // The holder hangs at 10:03:30. Until its heartbeat is stale, nobody fires.
    await otherClock.advance(SAME_HOST_STALE_MS - 10_000, other.settle);
    expect(other.scheduler.status().holding).toBe(false);
    expect(other.log('f')).toHaveLength(3);
    // Stale at 10:13:30: the other takes over. The 10:13 tick is only seconds late and runs as
    // planned, which also makes up for the nine the hung one missed.
    await otherClock.advance(20_000, other.settle);
    expect(other.scheduler.status()).toMatchObject({ holding: true, holder: { name: 'sincro schedule run', here: true } });
    expect(other.log('f').slice(3)).toEqual([
      ['missed', '2026-06-01T10:04:00.000Z', '2026-06-01T10:12:00.000Z', 9],
      ['fired', '2026-06-01T10:13:00.000Z', '2026-06-01T10:13:00.000Z', 1],
    ]);

    // The hung one comes back (its timers fire late, all at once): it sees it lost the lock.
    const lost: HolderChange[] = [];
    hung.scheduler.events.on('holder', (c) => lost.push(c));
    await hungClock.advance(SAME_HOST_STALE_MS + 60_000, hung.settle);
    expect(lost).toEqual([{ held: false, holder: expect.objectContaining({ name: 'sincro schedule run' }) }]);
    await otherClock.advance(2 * 60_000, other.settle);

    const fired = other.fired('f');
    expect(fired).toEqual(['2026-06-01T10:01:00.000Z', '2026-06-01T10:02:00.000Z', '2026-06-01T10:03:00.000Z', '2026-06-01T10:13:00.000Z', '2026-06-01T10:14:00.000Z', '2026-06-01T10:15:00.000Z']);
    expect(other.storedRuns('f')).toHaveLength(fired.length);
  });
});
