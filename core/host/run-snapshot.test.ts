/**
 * Issue 11 §5, live progress everywhere: runs.snapshot gives a run as it stands — while it goes on
 * (counts per step, records finished, the latest records, numbered as the live events are) and
 * after it ended (from the history) — so a screen that starts following it mid-way is right at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunSnapshot } from '../api/contract';
import type { RecordResultEvent, RunEvent } from '../api/run-model';
import { createConnectionKinds } from '../catalog';
import { emit } from '../engine/record';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, testStore } from '../testing/golden';
import { ApiService } from './api-service';

/** Batches the test lets through one at a time: the run goes on until the test says it ends. */
let gate: { batches: Array<Array<{ id: string }>>; wake: () => void; ended: boolean };

const gatedSource = defineNode({
  type: 'test.source.gated',
  kind: 'source',
  app: 'shop',
  title: 'Orders as they come',
  description: 'Yields what the test lets through.',
  config: z.object({}),
  outputs: [{ name: 'out' }],
  // Its records' human key: a person looks for "Order o1", not the source's id.
  labelOf: (data) => `Order ${(data as { id: string }).id}`,
  async *run(ctx) {
    for (;;) {
      const batch = gate.batches.shift();
      if (batch) {
        yield batch.map((o) => emit(ctx.newRecord(o.id, o), o));
        continue;
      }
      if (gate.ended) return;
      await new Promise<void>((resolve) => (gate.wake = resolve));
    }
  },
});

const doc = flow({
  id: 'gated',
  name: 'Orders as they come',
  nodes: [
    { id: 'orders', type: 'test.source.gated', config: {} },
    { id: 'active', type: 'core.transform.filter', config: { condition: 'id != "o2"' } },
  ],
  edges: [{ from: { node: 'orders', port: 'out' }, to: { node: 'active', port: 'in' } }],
});

let store: ReturnType<typeof testStore>;
let api: ApiService;
let events: RunEvent[];

const let_through = (...ids: string[]) => {
  gate.batches.push(ids.map((id) => ({ id })));
  gate.wake();
};
const records = () => events.filter((e): e is RecordResultEvent => e.type === 'record');

async function until(what: () => boolean, label: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (what()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${label}`);
}

beforeEach(async () => {
  gate = { batches: [], wake: () => undefined, ended: false };
  store = testStore();
  api = new ApiService({ store, registry: new NodeRegistry([...builtinNodeTypes, gatedSource]), connectionKinds: createConnectionKinds(), info: { version: 'test', host: 'web' } });
  events = [];
  api.events.on('event', (e) => {
    if ('runId' in e) events.push(e as RunEvent);
  });
  await api.call('flows.save', { doc });
});
afterEach(async () => {
  gate.ended = true;
  gate.wake();
  await api.stop();
  store.dispose();
});

describe('runs.snapshot', () => {
  it('gives a run going on as it stands: counts per step, records finished, the latest records, numbered like the live events', async () => {
    const { runId } = (await api.call('runs.start', { flowId: 'gated', dryRun: true })) as { runId: string };
    const atStart = (await api.call('runs.snapshot', { runId })) as RunSnapshot;
    expect(atStart).toMatchObject({ runId, flowId: 'gated', flowName: 'Orders as they come', dryRun: true, status: 'running', read: 0, finished: 0, live: true, summary: null });

    let_through('o1', 'o2', 'o3');
    await until(() => records().length === 3, 'three records');
    await until(() => events.some((e) => e.type === 'progress' && (e.nodes['active']?.in ?? 0) === 3), 'the progress of three');
    const mid = (await api.call('runs.snapshot', { runId, recent: 2 })) as RunSnapshot;
    expect(mid).toMatchObject({ status: 'running', read: 3, finished: 3, done: { ok: 2, skipped: 1, failed: 0 }, trigger: 'dry run', live: true });
    expect(mid.nodes['orders']?.out).toEqual({ out: 3 });
    expect(mid.nodes['active']).toMatchObject({ in: 3, out: { pass: 2 } });
    // The two latest, newest last; each numbered as its live event was.
    expect(mid.recent.map((r) => [r.key, r.n])).toEqual(records().slice(-2).map((r) => [r.key, r.n]));
    expect(records().map((r) => r.n)).toEqual([1, 2, 3]);
    // Each record event and the snapshot's latest records carry the record's label beside its key.
    expect(records().map((r) => [r.key, r.label])).toEqual([
      ['o1', 'Order o1'],
      ['o2', 'Order o2'],
      ['o3', 'Order o3'],
    ]);
    expect(mid.recent.map((r) => r.label)).toEqual(['Order o2', 'Order o3']);

    // Events after the snapshot go on from its count, so a screen adds exactly those.
    let_through('o4');
    await until(() => records().length === 4, 'the fourth record');
    expect(records().at(-1)).toMatchObject({ key: 'o4', n: 4 });

    gate.ended = true;
    gate.wake();
    await until(() => events.some((e) => e.type === 'finished'), 'the end');
    // Ended: from the history, with its summary, and the counts the same as the live ones were.
    const after = (await api.call('runs.snapshot', { runId })) as RunSnapshot;
    expect(after).toMatchObject({ status: 'succeeded', read: 4, finished: 4, done: { ok: 3, skipped: 1, failed: 0 }, live: false, trigger: 'dry run' });
    expect(after.summary).toMatchObject({ runId, read: 4, ok: 3, skipped: 1 });
    expect(after.recent.map((r) => r.key).sort()).toEqual(['o1', 'o2', 'o3', 'o4']);
    expect(after.recent.map((r) => r.label).sort()).toEqual(['Order o1', 'Order o2', 'Order o3', 'Order o4']);
  });

  it('answers null for a run that is not in the history', async () => {
    expect(await api.call('runs.snapshot', { runId: 'run_nope' })).toBeNull();
  });
});
