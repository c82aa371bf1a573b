/**
 * Ticks that pass while no scheduler runs (the computer sleeps, Sincro is closed or crashed) are
 * found and handled by each flow's catch-up policy: `once` runs one run for all of them, `skip`
 * logs them as missed. Real runs, a fake clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { SchedulerHarness } from '../testing/scheduler-harness';

const HOUR = 3_600_000;
let open: SchedulerHarness[] = [];
const harness = (...args: ConstructorParameters<typeof SchedulerHarness>) => {
  const h = new SchedulerHarness(...args);
  open.push(h);
  return h;
};
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});

const hourly = (catchUp: 'once' | 'skip') => ({ enabled: true, cron: '0 * * * *', timezone: 'UTC', catchUp });

describe('catching up after the computer slept', () => {
  it('runs once for the missed ticks (once), or logs them as missed (skip), on the OS resume', async () => {
    const h = harness({ clock: '2026-06-01T09:59:00.000Z' });
    h.schedule('once', hourly('once'));
    h.schedule('skip', hourly('skip'));
    h.scheduler.start();
    await h.advanceTo('2026-06-01T10:00:00.000Z');

    h.clock.sleep(3.5 * HOUR); // asleep from 10:00 to 13:30: no timer fires
    h.scheduler.wake(); // powerMonitor 'resume'
    await h.settle();

    expect(h.log('once')).toEqual([
      ['fired', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', 1],
      ['caught-up', '2026-06-01T11:00:00.000Z', '2026-06-01T13:00:00.000Z', 3],
    ]);
    expect(h.log('skip')).toEqual([
      ['fired', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', 1],
      ['missed', '2026-06-01T11:00:00.000Z', '2026-06-01T13:00:00.000Z', 3],
    ]);
    // One run for the three missed ticks, started by the schedule; none for the skipped ones.
    expect(h.storedRuns('once').map((r) => [r.trigger, r.status])).toEqual([
      ['schedule', 'succeeded'],
      ['schedule', 'succeeded'],
    ]);
    expect(h.storedRuns('skip')).toHaveLength(1);
    const caughtUp = h.store.schedules.log({ flowId: 'once', limit: 1 })[0];
    expect(h.store.schedules.state('once')).toMatchObject({ lastRunId: caughtUp?.runId, lastRunAt: '2026-06-01T13:30:00.000Z', plannedThrough: '2026-06-01T13:00:00.000Z', nextRunAt: '2026-06-01T14:00:00.000Z' });

    // Back to normal: the next tick fires on time for both.
    await h.advanceTo('2026-06-01T14:00:00.000Z');
    expect(h.fired('once')).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T11:00:00.000Z', '2026-06-01T14:00:00.000Z']);
    expect(h.fired('skip')).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T14:00:00.000Z']);
  });

  it('finds the missed ticks by itself when no resume event comes, at its next wake', async () => {
    const h = harness({ clock: '2026-06-01T09:30:00.000Z' });
    h.schedule('once', hourly('once'));
    h.scheduler.start();
    h.clock.sleep(2 * HOUR);
    await h.advance(5_000); // the timer set before the sleep fires 5 s after waking
    expect(h.log('once')).toEqual([['caught-up', '2026-06-01T10:00:00.000Z', '2026-06-01T11:00:00.000Z', 2]]);
  });

  it('runs a tick that is only a little late as planned, and does not add a catch-up run to it', async () => {
    const h = harness({ clock: '2026-06-01T09:30:00.000Z' });
    h.schedule('once', { enabled: true, cron: '*/15 * * * *', timezone: 'UTC', catchUp: 'once' });
    h.scheduler.start();
    // Asleep 09:30 to 10:45:20: 09:45, 10:00, 10:15 and 10:30 passed; 10:45 is 20 s late.
    h.clock.sleep(75 * 60_000 + 20_000);
    h.scheduler.wake();
    await h.settle();
    expect(h.log('once')).toEqual([
      ['missed', '2026-06-01T09:45:00.000Z', '2026-06-01T10:30:00.000Z', 4],
      ['fired', '2026-06-01T10:45:00.000Z', '2026-06-01T10:45:00.000Z', 1],
    ]);
    expect(h.storedRuns('once')).toHaveLength(1);
  });
});

describe('catching up after Sincro was closed or crashed', () => {
  it('makes up for the ticks since the last scheduler stopped, at the next start', async () => {
    const dir = tempDir('sincro-closed-');
    try {
      const first = new SchedulerHarness({ clock: '2026-06-01T09:59:00.000Z', dataDir: dir.path });
      first.schedule('once', hourly('once'));
      first.schedule('skip', hourly('skip'));
      first.scheduler.start();
      await first.advanceTo('2026-06-01T10:00:00.000Z');
      await first.close({ removeData: false });

      // Started again 5 hours later.
      const again = harness({ clock: '2026-06-01T15:10:00.000Z', dataDir: dir.path });
      again.schedule('once', hourly('once'));
      again.schedule('skip', hourly('skip'));
      again.scheduler.start();
      await again.settle();
      expect(again.log('once').slice(1)).toEqual([['caught-up', '2026-06-01T11:00:00.000Z', '2026-06-01T15:00:00.000Z', 5]]);
      expect(again.log('skip').slice(1)).toEqual([['missed', '2026-06-01T11:00:00.000Z', '2026-06-01T15:00:00.000Z', 5]]);
      expect(again.storedRuns('once')).toHaveLength(2);
    } finally {
      dir.remove();
    }
  });

  it('takes over from a scheduler that died without letting go, and catches up from where it stopped', async () => {
    const dir = tempDir('sincro-crashed-');
    try {
      const crashed = new SchedulerHarness({ clock: '2026-06-01T09:59:00.000Z', dataDir: dir.path });
      crashed.schedule('once', hourly('once'));
      crashed.scheduler.start();
      await crashed.advanceTo('2026-06-01T10:00:00.000Z');
      // It never stops its scheduler (no release of the lock): its heartbeat just ends at 10:00.
      crashed.store.close();

      const next = harness({ clock: '2026-06-01T12:30:00.000Z', dataDir: dir.path });
      next.scheduler.start();
      await next.settle();
      expect(next.scheduler.status().holding).toBe(true);
      expect(next.log('once')).toEqual([
        ['fired', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', 1],
        ['caught-up', '2026-06-01T11:00:00.000Z', '2026-06-01T12:00:00.000Z', 2],
      ]);
    } finally {
      dir.remove();
    }
  });

  it('does not make up for the time a schedule was switched off', async () => {
    const h = harness({ clock: '2026-06-01T09:30:00.000Z' });
    h.schedule('once', hourly('once'));
    h.scheduler.start();
    await h.advanceTo('2026-06-01T10:30:00.000Z');
    h.schedule('once', { ...hourly('once'), enabled: false });
    h.scheduler.refresh();
    expect(h.store.schedules.state('once')).toMatchObject({ active: false, nextRunAt: null });
    await h.advanceTo('2026-06-01T14:30:00.000Z');
    h.schedule('once', hourly('once'));
    h.scheduler.refresh();
    await h.advanceTo('2026-06-01T15:00:00.000Z');
    expect(h.fired('once')).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T15:00:00.000Z']);
    expect(h.log('once').map(([o]) => o)).toEqual(['fired', 'fired']);
  });
});

describe('pausing', () => {
  it('logs each tick while paused as skipped, one line for ticks in a row, and runs nothing', async () => {
    const h = harness({ clock: '2026-06-01T09:59:30.000Z' });
    h.schedule('m', { enabled: true, cron: '* * * * *', timezone: 'UTC' });
    h.scheduler.start();
    await h.advanceTo('2026-06-01T10:00:00.000Z');
    h.scheduler.pause();
    expect(h.scheduler.nextRun('m')).toBeNull();
    await h.advanceTo('2026-06-01T10:03:00.000Z');
    h.scheduler.resume();
    expect(h.scheduler.nextRun('m')).toBe('2026-06-01T10:04:00.000Z');
    await h.advanceTo('2026-06-01T10:04:00.000Z');
    expect(h.log('m')).toEqual([
      ['fired', '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z', 1],
      ['paused', '2026-06-01T10:01:00.000Z', '2026-06-01T10:03:00.000Z', 3],
      ['fired', '2026-06-01T10:04:00.000Z', '2026-06-01T10:04:00.000Z', 1],
    ]);
    expect(h.storedRuns('m')).toHaveLength(2);
  });
});
