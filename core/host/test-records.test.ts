/**
 * Issue 11 §2, change then test again: after a run, a dry run of a changed flow reads nothing new
 * (its source's cursor moved on) — the API says since when, replays the last run's records through
 * the flow as it is now, forgets the cursors on request, uses pinned test records in dry runs only,
 * and gives each step's input and output of the last run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FlowDocument } from '../api/flow-document';
import type { RunSummary } from '../api/run-model';
import { createConnectionKinds } from '../catalog';
import { emit } from '../engine/record';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, testStore } from '../testing/golden';
import { ApiService } from './api-service';

/** What the shop holds: a source that reads what changed since its cursor, as the connectors' do. */
let shop: Array<{ id: string; name: string; changed: number }> = [];

const changesSource = defineNode({
  type: 'test.source.changes',
  kind: 'source',
  app: 'shop',
  title: 'Orders from the shop',
  description: 'Orders changed since the last run (a cursor).',
  config: z.object({}),
  outputs: [{ name: 'out' }],
  async *run(ctx) {
    const since = Number(ctx.cursor.get('since') ?? '0');
    const changed = shop.filter((o) => o.changed > since);
    if (changed.length) yield changed.map((o) => emit(ctx.newRecord(o.id, { id: o.id, name: o.name }), { id: o.id, name: o.name }));
    ctx.cursor.set('since', String(Math.max(since, ...shop.map((o) => o.changed))));
  },
});

let store: ReturnType<typeof testStore>;
let api: ApiService;

beforeEach(() => {
  shop = [
    { id: 'o1', name: 'Anna', changed: 1 },
    { id: 'o2', name: 'Bram', changed: 2 },
    { id: 'o3', name: 'Chris', changed: 3 },
  ];
  store = testStore();
  api = new ApiService({ store, registry: new NodeRegistry([...builtinNodeTypes, changesSource]), connectionKinds: createConnectionKinds(), info: { version: 'test', host: 'web' } });
});
afterEach(async () => {
  await api.stop();
  store.dispose();
});

const ordersFlow = (fields: Array<{ target: string; expr: string }>): FlowDocument =>
  flow({
    id: 'orders',
    nodes: [
      { id: 'orders', type: 'test.source.changes' },
      { id: 'map', type: 'core.transform.map', config: { fields } },
    ],
    edges: [{ from: { node: 'orders', port: 'out' }, to: { node: 'map', port: 'in' } }],
  });

async function run(input: { dryRun: boolean; lastRunRecords?: boolean; usePinned?: boolean }): Promise<RunSummary> {
  const finished = new Promise<RunSummary>((resolve) => {
    const on = (e: { type: string; summary?: RunSummary }) => {
      if (e.type === 'finished' && e.summary) {
        api.events.off('event', on);
        resolve(e.summary);
      }
    };
    api.events.on('event', on);
  });
  await api.call('runs.start', { flowId: 'orders', ...input });
  return finished;
}

const mapped = (runId: string) => store.runs.records(runId).map((r) => (r.lineage as Array<{ node: string; data?: unknown }>).find((s) => s.node === 'map')?.data);

describe('testing a changed flow again', () => {
  it('says since when a source has read nothing new, and replays the last run’s records through the changed flow', async () => {
    await api.call('flows.save', { doc: ordersFlow([{ target: 'customer', expr: 'name' }]) });
    const real = await run({ dryRun: false });
    expect(real.read).toBe(3);

    // Changed: the customer's name in capitals. A dry run reads nothing: the cursor moved on.
    await api.call('flows.save', { doc: ordersFlow([{ target: 'customer', expr: '$uppercase(name)' }]) });
    const empty = await run({ dryRun: true });
    expect(empty.read).toBe(0);
    const state = (await api.call('flows.readState', { id: 'orders' })) as { sources: Array<{ node: string; movedOnAt: string | null }>; lastRecords: { runId: string; read: number } | null };
    expect(state.lastRecords).toMatchObject({ runId: real.runId, read: 3 });
    const moved = Date.parse(state.sources.find((s) => s.node === 'orders')?.movedOnAt ?? '');
    expect(moved).toBeGreaterThanOrEqual(Date.parse(real.startedAt));
    expect(moved).toBeLessThanOrEqual(Date.parse(real.finishedAt));

    // The last run's records, replayed as a dry run through the flow as it is now.
    const replay = await run({ dryRun: true, lastRunRecords: true });
    expect(replay).toMatchObject({ dryRun: true, read: 3, ok: 3, failed: 0 });
    expect(mapped(replay.runId)).toEqual([{ customer: 'ANNA' }, { customer: 'BRAM' }, { customer: 'CHRIS' }]);
    expect(store.runs.list({ flowId: 'orders', limit: 1 })[0]?.trigger).toBe(`test on the records of run ${real.runId}`);
    const note = (store.runs.records(replay.runId)[0]?.lineage as Array<{ note?: string }>)[0]?.note;
    expect(note).toMatch(/^replayed from the run of \d{4}-\d\d-\d\d \d\d:\d\d$/);
    // A replay moves no cursor: the next real run still reads only what changed.
    shop.push({ id: 'o4', name: 'Dana', changed: 4 });
    expect((await run({ dryRun: false })).read).toBe(1);
  });

  it('reads everything again once the cursors are forgotten', async () => {
    await api.call('flows.save', { doc: ordersFlow([{ target: 'customer', expr: 'name' }]) });
    await run({ dryRun: false });
    expect((await run({ dryRun: true })).read).toBe(0);
    expect(await api.call('flows.resetCursors', { id: 'orders' })).toEqual({ forgotten: 1 });
    const state = (await api.call('flows.readState', { id: 'orders' })) as { sources: Array<{ movedOnAt: string | null }> };
    expect(state.sources[0]?.movedOnAt).toBeNull();
    expect((await run({ dryRun: true })).read).toBe(3);
  });

  it('refuses to replay in a real run, or when no run has read anything', async () => {
    await api.call('flows.save', { doc: ordersFlow([{ target: 'customer', expr: 'name' }]) });
    await expect(api.call('runs.start', { flowId: 'orders', dryRun: true, lastRunRecords: true })).rejects.toThrow(/no run that read records yet/);
    await run({ dryRun: false });
    await expect(api.call('runs.start', { flowId: 'orders', dryRun: false, lastRunRecords: true })).rejects.toThrow(/Only a dry run/);
  });

  it('uses pinned test records in dry runs, never in real runs', async () => {
    const doc = ordersFlow([{ target: 'customer', expr: '$uppercase(name)' }]);
    const pinned: FlowDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'orders' ? { ...n, pinned: [{ key: 'p1', data: { id: 'p1', name: 'Pinned Pia' } }] } : n)) };
    await api.call('flows.save', { doc: pinned });
    const dry = await run({ dryRun: true });
    expect(dry.read).toBe(1);
    expect(mapped(dry.runId)).toEqual([{ customer: 'PINNED PIA' }]);
    expect(store.runs.list({ flowId: 'orders', limit: 1 })[0]?.trigger).toBe('dry run on pinned test records');
    const real = await run({ dryRun: false });
    expect(real.read).toBe(3);
    expect((await api.call('flows.readState', { id: 'orders' })) as unknown).toMatchObject({ sources: [{ node: 'orders', pinned: 1 }] });
    // "Read everything again" asks for a dry run that reads the app, pins or not.
    await api.call('flows.resetCursors', { id: 'orders' });
    expect((await run({ dryRun: true, usePinned: false })).read).toBe(3);
  });

  it('gives each step’s input and output of the last run', async () => {
    await api.call('flows.save', { doc: ordersFlow([{ target: 'customer', expr: '$uppercase(name)' }]) });
    const real = await run({ dryRun: false });
    const data = (await api.call('flows.stepData', { id: 'orders', node: 'map', limit: 2 })) as { runId: string; records: unknown[] };
    expect(data.runId).toBe(real.runId);
    expect(data.records).toEqual([
      { seq: 0, key: 'o1', status: 'ok', input: { id: 'o1', name: 'Anna' }, output: { customer: 'ANNA' }, port: 'out' },
      { seq: 1, key: 'o2', status: 'ok', input: { id: 'o2', name: 'Bram' }, output: { customer: 'BRAM' }, port: 'out' },
    ]);
    const source = (await api.call('flows.stepData', { id: 'orders', node: 'orders', limit: 1 })) as { records: unknown[] };
    expect(source.records).toEqual([{ seq: 0, key: 'o1', status: 'ok', output: { id: 'o1', name: 'Anna' }, port: 'out' }]);
  });
});
