import { beforeEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../core/api/contract';
import { emptyCounts, type RecordResultEvent } from '../../../core/api/run-model';
import { useRunStore } from './useRunStore';

const store = () => useRunStore.getState();
const record = (n: number, status: 'ok' | 'skipped' | 'failed' = 'ok'): RecordResultEvent => ({ type: 'record', runId: 'r1', seq: n - 1, key: `o${n}`, status, node: 'map', n });
const counts = (read: number) => ({ orders: { ...emptyCounts(), out: { out: read } }, map: { ...emptyCounts(), in: read, out: { out: read } } });

function snapshot(finished: number, extra: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    runId: 'r1',
    flowId: 'f',
    flowName: 'Flow',
    dryRun: true,
    status: 'running',
    startedAt: '2026-12-02T10:00:00.000Z',
    trigger: 'dry run',
    nodes: counts(finished),
    read: finished,
    done: { ok: finished, skipped: 0, failed: 0 },
    finished,
    recent: Array.from({ length: Math.min(finished, 5) }, (_, i) => record(finished - Math.min(finished, 5) + i + 1)),
    logs: [],
    summary: null,
    live: true,
    ...extra,
  };
}

beforeEach(() => useRunStore.setState({ runs: {}, latestByFlow: {} }));

describe('a run followed from its snapshot and its live events', () => {
  it('a screen opened mid-run starts from the snapshot, then counts only the events after it', () => {
    store().applySnapshot(snapshot(30));
    expect(store().runs['r1']).toMatchObject({ status: 'running', done: { ok: 30 }, finished: 30 });
    expect(store().latestByFlow['f']).toBe('r1');
    // Events the snapshot already holds arrive late over the socket: not counted again.
    store().applyEvents([record(29), record(30), record(31, 'failed')]);
    expect(store().runs['r1']?.done).toEqual({ ok: 30, skipped: 0, failed: 1 });
    expect(store().runs['r1']?.finished).toBe(31);
    expect(store().runs['r1']?.recent.map((r) => r.n)).toEqual([26, 27, 28, 29, 30, 31]);
  });

  it('a snapshot behind the events changes no count; one ahead (events were missed) catches up', () => {
    store().applyEvents([{ type: 'progress', runId: 'r1', nodes: counts(12) }, ...Array.from({ length: 12 }, (_, i) => record(i + 1))]);
    store().applySnapshot(snapshot(10));
    expect(store().runs['r1']).toMatchObject({ done: { ok: 12 }, finished: 12 });
    expect(store().runs['r1']?.nodes['map']?.in).toBe(12);
    store().applySnapshot(snapshot(40));
    expect(store().runs['r1']).toMatchObject({ done: { ok: 40 }, finished: 40 });
    expect(store().runs['r1']?.nodes['orders']?.out).toEqual({ out: 40 });
  });

  it('a snapshot of a run that has ended gives its summary', () => {
    const summary = { runId: 'r1', flowId: 'f', flowVersion: 1, flowName: 'Flow', dryRun: true, status: 'succeeded' as const, startedAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:01:00.000Z', durationMs: 60_000, read: 50, ok: 50, skipped: 0, failed: 0, nodes: counts(50) };
    store().applySnapshot(snapshot(50, { status: 'succeeded', summary, live: false }));
    expect(store().runs['r1']).toMatchObject({ status: 'succeeded', done: { ok: 50 }, summary: { read: 50 } });
  });
});
