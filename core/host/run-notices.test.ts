/**
 * Notices (MISSION PLT-4) through the API service, with the real engine and store: a failure is
 * told at once and lands in the inbox linking to its run; a flow that keeps failing is one notice
 * that counts its runs (told once, then counted for the screen's toast); "works again" starts a new
 * one; the setting chooses outcomes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../api/contract';
import type { RunEvent, RunSummary } from '../api/run-model';
import { Store } from '../store/store';
import { flow, tempDir, testStore } from '../testing/golden';
import { createApiService } from './create-api-service';

const stores: Array<ReturnType<typeof testStore>> = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

/** A flow whose record fails while `fail` is true (a filter's rejects are failed). */
const flaky = (fail: boolean) =>
  flow({
    id: 'orders',
    name: 'Orders',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'o1', ok: true }, { id: 'o2', ok: !fail }] } },
      { id: 'check', type: 'core.transform.filter', config: { condition: 'ok' } },
      { id: 'no', type: 'core.transform.fail', config: { reason: 'not ok' } },
    ],
    edges: [
      { from: { node: 'src', port: 'out' }, to: { node: 'check', port: 'in' } },
      { from: { node: 'check', port: 'reject' }, to: { node: 'no', port: 'in' } },
    ],
  });

function setup() {
  const store = testStore();
  stores.push(store);
  const api = createApiService(store, 'web');
  const events: AppEvent[] = [];
  api.events.on('event', (e: RunEvent | AppEvent) => {
    if (e.type === 'notice' || e.type === 'notice.counted' || e.type === 'notices.changed') events.push(e);
  });
  /** Runs the stored flow by hand (or as a schedule would) and waits for its end. */
  const run = async (doc = flaky(true), trigger = 'schedule'): Promise<RunSummary> => {
    store.flows.save(doc);
    const summary = await api.runs.start(doc.id, { trigger }).done;
    if (!summary) throw new Error('the run did not start');
    return summary;
  };
  const inbox = () => api.call('notices.list', {}) as Promise<{ notices: Array<{ id: number; title: string; count: number; runId: string; outcome: string; readAt: string | null }>; unread: number }>;
  return { store, api, events, run, inbox };
}

describe('notices', () => {
  it('tells a failure once, then counts the runs that keep failing in the same notice, linking to the latest run', async () => {
    const { events, run, inbox } = setup();
    const first = await run();
    expect(events).toEqual([
      { type: 'notice', level: 'error', title: 'Orders: 1 record failed', message: expect.stringContaining('retry them'), flowId: 'orders', runId: first.runId, noticeId: expect.any(Number) },
      { type: 'notices.changed', unread: 1 },
    ]);
    events.length = 0;
    const second = await run();
    const third = await run();
    // Not told again: counted (the screen updates its toast for the flow), and the inbox changed.
    const noticeId = expect.any(Number);
    expect(events).toEqual([
      { type: 'notice.counted', noticeId, level: 'error', title: 'Orders: records keep failing (2 runs in a row)', message: expect.stringContaining('The last run: 1 record failed'), count: 2, flowId: 'orders', runId: second.runId },
      { type: 'notices.changed', unread: 1 },
      { type: 'notice.counted', noticeId, level: 'error', title: 'Orders: records keep failing (3 runs in a row)', message: expect.stringContaining('The last run: 1 record failed'), count: 3, flowId: 'orders', runId: third.runId },
      { type: 'notices.changed', unread: 1 },
    ]);
    const { notices, unread } = await inbox();
    expect(unread).toBe(1);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: 'Orders: records keep failing (3 runs in a row)', count: 3, runId: third.runId, outcome: 'partial' });
  });

  it('says when a flow works again, and starts counting anew when it fails after that', async () => {
    const { run, inbox, events } = setup();
    await run();
    await run();
    const fixed = await run(flaky(false));
    const fails = await run(flaky(true), 'manual');
    const { notices } = await inbox();
    expect(notices.map((n) => [n.title, n.count])).toEqual([
      ['Orders: 1 record failed', 1],
      ['Orders works again', 1],
      ['Orders: records keep failing (2 runs in a row)', 2],
    ]);
    expect(notices[1]?.runId).toBe(fixed.runId);
    expect(notices[0]?.runId).toBe(fails.runId);
    expect(events.filter((e) => e.type === 'notice').map((e) => e.type === 'notice' && e.title)).toEqual(['Orders: 1 record failed', 'Orders works again', 'Orders: 1 record failed']);
  });

  it('marks notices read, one or all, and a failure counted again is unread again', async () => {
    const { api, run, inbox } = setup();
    await run();
    const id = (await inbox()).notices[0]?.id as number;
    expect(await api.call('notices.markRead', { ids: [id] })).toEqual({ unread: 0 });
    expect((await inbox()).notices[0]?.readAt).toEqual(expect.any(String));
    await run();
    expect((await inbox()).unread).toBe(1);
    expect(await api.call('notices.markRead', {})).toEqual({ unread: 0 });
    expect(await api.call('notices.list', { unreadOnly: true })).toEqual({ notices: [], unread: 0 });
  });

  it('tells only the outcomes the settings choose; never a dry run', async () => {
    const { api, run, inbox, events } = setup();
    expect(await api.call('settings.get', {})).toEqual({ retentionDays: 30, notifyOn: ['failed', 'partial', 'recovered'] });
    expect(await api.call('settings.set', { notifyOn: ['succeeded', 'failed'] })).toEqual({ retentionDays: 30, notifyOn: ['failed', 'succeeded'] });
    await run();
    expect((await inbox()).notices).toEqual([]);
    // Working again after the failure is "recovered", which was not chosen; the runs after it succeed.
    await run(flaky(false));
    expect((await inbox()).notices).toEqual([]);
    await run(flaky(false));
    await run(flaky(false));
    expect((await inbox()).notices.map((n) => [n.title, n.count, n.outcome])).toEqual([['Orders succeeded (2 runs in a row)', 2, 'succeeded']]);
    events.length = 0;
    await api.call('settings.set', { notifyOn: ['failed', 'partial', 'recovered', 'succeeded'] });
    const store = api.runs;
    await store.start('orders', { dryRun: true }).done;
    expect(events).toEqual([]);
    await expect(api.call('settings.set', { notifyOn: ['sometimes'] })).rejects.toThrow('notifyOn[0]');
  });

  it('tells a flow that cannot run as such, and a scheduled flow that cannot start', async () => {
    const { store, api, inbox } = setup();
    store.flows.save(flow({ id: 'broken', name: 'Broken', nodes: [{ id: 'x', type: 'no.such.type' }] }));
    await api.runs.start('broken', { trigger: 'schedule' }).done;
    expect((await inbox()).notices.map((n) => [n.title, n.outcome])).toEqual([['Broken could not run', 'failed']]);
  });

  it('retries through the API: the new run is a retry of the first, and its success is told as "works again"', async () => {
    const { api, run, inbox } = setup();
    const first = await run();
    expect(await api.call('runs.retry', { runId: 'run_nope' }).catch((e: Error) => e.message)).toBe('There is no run "run_nope". `sincro runs list --status partial` shows runs with failed records.');
    const store = stores[0] as ReturnType<typeof testStore>;
    store.flows.save(flaky(false));
    const started = (await api.call('runs.retry', { runId: first.runId })) as { runId: string; records: number };
    expect(started.records).toBe(1);
    await new Promise<void>((resolve) => {
      const wait = (e: RunEvent | AppEvent) => {
        if (e.type === 'finished' && e.runId === started.runId) resolve();
      };
      api.events.on('event', wait);
    });
    expect(await api.call('runs.list', { trigger: 'retry' })).toEqual([expect.objectContaining({ id: started.runId, retryOf: first.runId, startedBy: 'retry', status: 'succeeded' })]);
    expect((await inbox()).notices.map((n) => n.title)).toEqual(['Orders works again', 'Orders: 1 record failed']);
    expect(await api.call('runs.retry', { runId: started.runId }).catch((e: Error) => e.message)).toBe(`The run ${started.runId} has no failed records to retry.`);
  });

  it('tells a run whose process died as a failure, once, before the next success says it works again', async () => {
    const dir = tempDir();
    try {
      // A scheduled run going on in a process that then dies: its store never says how it ended.
      const dying = Store.open({ dataDir: dir.path });
      dying.flows.save(flaky(false));
      dying.runs.start({ runId: 'run_killed', flowId: 'orders', flowVersion: 1, flowName: 'Orders', dryRun: false, trigger: 'schedule', startedAt: new Date(Date.now() - 60_000).toISOString() });
      dying.close();

      const store = Store.open({ dataDir: dir.path });
      try {
        const api = createApiService(store, 'web');
        const inbox = async () => ((await api.call('notices.list', {})) as { notices: Array<{ title: string; runId: string }> }).notices;
        expect(await inbox()).toEqual([expect.objectContaining({ title: 'Orders failed', runId: 'run_killed' })]);
        // Told once: another host on the same folder does not tell it again.
        createApiService(store, 'web');
        expect(await inbox()).toHaveLength(1);
        await api.runs.start('orders', { trigger: 'schedule' }).done;
        expect((await inbox()).map((n) => n.title)).toEqual(['Orders works again', 'Orders failed']);
        await api.stop();
      } finally {
        store.close();
      }
    } finally {
      dir.remove();
    }
  });
});
