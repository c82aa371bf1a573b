/**
 * The scheduler on a fake clock with real runs: a run still busy at the next tick is logged as
 * skipped, not stacked; a changed cron takes effect and the old one stops, whether the change was
 * saved here or by another process; next and last runs are stored.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SchedulerHarness } from '../testing/scheduler-harness';

let open: SchedulerHarness[] = [];
const harness = (start: string) => {
  const h = new SchedulerHarness({ clock: start });
  open.push(h);
  return h;
};
afterEach(async () => {
  for (const h of open) await h.close();
  open = [];
});

/** An HTTP API that answers only when the test lets it: a run that sends to it stays busy meanwhile. */
async function heldApi() {
  const waiting: ServerResponse[] = [];
  let received = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received++;
    req.resume();
    waiting.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received: () => received,
    release() {
      for (const res of waiting.splice(0)) res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t1"}');
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const until = async (what: () => boolean) => {
  for (let i = 0; i < 3000 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(what()).toBe(true);
};

describe('a run still going at the next tick', () => {
  it('is not stacked: the tick is logged as skipped (busy), ticks in a row as one line', async () => {
    const api = await heldApi();
    try {
      const h = harness('2026-06-01T10:00:30.000Z');
      h.schedule(
        'slow',
        { enabled: true, cron: '* * * * *', timezone: 'UTC' },
        [
          { id: 'src', type: 'core.source.sample', config: { records: [{ id: 'o1' }], keyField: 'id' } },
          { id: 'send', type: 'http.target.request', config: { url: `${api.url}/orders`, timeoutMs: 600_000, retries: 0 } },
        ],
        [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
      );
      h.scheduler.start();
      // Time moves without waiting for runs: the 10:01 run is still sending at 10:02 and 10:03.
      await h.clock.advanceTo(Date.parse('2026-06-01T10:01:00.000Z'));
      await until(() => api.received() === 1);
      await h.clock.advanceTo(Date.parse('2026-06-01T10:03:00.000Z'));
      expect(h.runs.isRunning('slow')).toBe(true);
      api.release();
      await h.settle();
      await h.clock.advanceTo(Date.parse('2026-06-01T10:04:00.000Z'));
      await until(() => api.received() === 2);
      api.release();
      await h.settle();

      const log = h.store.schedules.log({ flowId: 'slow' }).reverse();
      expect(log.map((e) => [e.outcome, e.plannedAt, e.ticks])).toEqual([
        ['fired', '2026-06-01T10:01:00.000Z', 1],
        ['busy', '2026-06-01T10:02:00.000Z', 2],
        ['fired', '2026-06-01T10:04:00.000Z', 1],
      ]);
      expect(log[1]).toMatchObject({ lastPlannedAt: '2026-06-01T10:03:00.000Z', runId: null, message: expect.stringMatching(/still running/) });
      const runs = h.storedRuns('slow');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(runs.map((r) => r.id)).toEqual([log[0]?.runId, log[2]?.runId]);
    } finally {
      await api.close();
    }
  });

  it('counts a run of the flow in another process (sincro run) as busy too', async () => {
    const h = harness('2026-06-01T10:00:30.000Z');
    h.schedule('f', { enabled: true, cron: '* * * * *', timezone: 'UTC' });
    // A run another live process started and is still writing (this process is its owner here).
    h.store.runs.start({ runId: 'elsewhere', flowId: 'f', flowVersion: 1, flowName: 'Flow f', dryRun: false, trigger: 'cli', startedAt: new Date().toISOString() });
    h.scheduler.start();
    await h.advanceTo('2026-06-01T10:01:00.000Z');
    expect(h.log('f')).toEqual([['busy', '2026-06-01T10:01:00.000Z', '2026-06-01T10:01:00.000Z', 1]]);
    h.store.runs.finish('elsewhere', { status: 'succeeded', finishedAt: new Date().toISOString(), counts: { read: 0, ok: 0, skipped: 0, failed: 0, nodes: {} } });
    await h.advanceTo('2026-06-01T10:02:00.000Z');
    expect(h.log('f').at(-1)?.[0]).toBe('fired');
  });
});

describe('editing a schedule', () => {
  it('a changed cron takes effect at once and the old one stops, whether saved here or by another process', async () => {
    const h = harness('2026-06-01T09:50:00.000Z');
    h.schedule('f', { enabled: true, cron: '0 * * * *', timezone: 'UTC' });
    h.scheduler.start();
    expect(h.scheduler.nextRun('f')).toBe('2026-06-01T10:00:00.000Z');
    await h.advanceTo('2026-06-01T10:10:00.000Z');

    // Saved here (the API refreshes the scheduler).
    h.schedule('f', { enabled: true, cron: '30 * * * *', timezone: 'UTC' });
    h.scheduler.refresh();
    expect(h.scheduler.nextRun('f')).toBe('2026-06-01T10:30:00.000Z');
    expect(h.store.schedules.state('f')).toMatchObject({ cron: '30 * * * *', nextRunAt: '2026-06-01T10:30:00.000Z' });
    await h.advanceTo('2026-06-01T11:35:00.000Z');

    // Saved by another process (sincro flows import): no refresh here; seen at the next wake.
    h.schedule('f', { enabled: true, cron: '45 * * * *', timezone: 'UTC' });
    await h.advanceTo('2026-06-01T12:10:00.000Z');

    expect(h.fired('f')).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T10:30:00.000Z', '2026-06-01T11:30:00.000Z', '2026-06-01T11:45:00.000Z']);
    expect(h.log('f').every(([o]) => o === 'fired')).toBe(true);
    expect(h.storedRuns('f')).toHaveLength(4);
    expect(h.store.schedules.state('f')).toMatchObject({ nextRunAt: '2026-06-01T12:45:00.000Z', lastRunAt: '2026-06-01T11:45:00.000Z', lastRunId: h.storedRuns('f')[3]?.id });
  });

  it('a deleted flow stops and its place is forgotten; a cron that cannot be read is reported once', async () => {
    const h = harness('2026-06-01T09:50:00.000Z');
    h.schedule('gone', { enabled: true, cron: '0 * * * *', timezone: 'UTC' });
    h.schedule('bad', { enabled: true, cron: '0 * * * *', timezone: 'Mars/Olympus' });
    h.scheduler.start();
    h.store.flows.remove('gone');
    await h.advanceTo('2026-06-01T12:00:00.000Z');
    expect(h.log('gone')).toEqual([]);
    expect(h.store.schedules.state('gone')).toBeUndefined();
    expect(h.log('bad')).toEqual([['error', '2026-06-01T09:50:00.000Z', '2026-06-01T09:50:00.000Z', 1]]);
    expect(h.notices).toEqual([expect.objectContaining({ type: 'notice', level: 'error', title: 'The schedule of "Flow bad" cannot run', flowId: 'bad' })]);
    // In the cron check's own words, as the editor says them at the field.
    expect(h.notices[0]).toMatchObject({ message: 'The schedule\'s time zone "Mars/Olympus" is not one Sincro knows. Use a name like "Europe/Amsterdam", or leave it out for this computer\'s time. Fix it on the flow\'s page.' });
  });
});
