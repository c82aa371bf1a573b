import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunEvent } from '../api/run-model';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, runTestFlow, testStore } from '../testing/golden';
import { emit } from './record';

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, even: (i + 1) % 2 === 0 }));
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

describe('the engine', () => {
  it('streams records through fan-out and fan-in in batches, counting every node, keeping lineage', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: many(1000) } },
          { id: 'split', type: 'core.transform.filter', config: { condition: 'even' } },
          { id: 'tagEven', type: 'core.transform.defaults', config: { values: [{ path: 'kind', value: 'even' }] } },
          { id: 'tagOdd', type: 'core.transform.defaults', config: { values: [{ path: 'kind', value: 'odd' }] } },
          { id: 'join', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }, { target: 'kind', expr: 'kind' }] } },
          { id: 'copy', type: 'core.transform.map', config: { fields: [{ target: 'copyOf', expr: 'id' }] } },
        ],
        edges: [edge('src', 'out', 'split'), edge('split', 'pass', 'tagEven'), edge('split', 'reject', 'tagOdd'), edge('tagEven', 'out', 'join'), edge('tagOdd', 'out', 'join'), edge('src', 'out', 'copy')],
      }),
      { batchSize: 64 },
    );
    expect(run.summary.status).toBe('succeeded');
    expect(run.summary.read).toBe(1000);
    expect(run.summary.ok).toBe(2000); // each record also went to "copy" (fan-out)
    expect(run.summary.nodes['split']).toMatchObject({ in: 1000, out: { pass: 500, reject: 500 } });
    expect(run.summary.nodes['join']).toMatchObject({ in: 1000, out: { out: 1000 } });
    const seven = run.records.filter((r) => r.key === '7').sort((a, b) => a.node.localeCompare(b.node));
    expect(seven.map((r) => [r.node, r.data])).toEqual([['copy', { copyOf: 7 }], ['join', { id: 7, kind: 'odd' }]]);
    expect(seven[1]?.lineage.map((s) => `${s.node}.${s.port}`)).toEqual(['src.out', 'split.reject', 'tagOdd.out', 'join.out']);
  });

  it('reads nothing from a source that a setting switched off', async () => {
    const doc = (on: boolean) =>
      flow({
        settings: { readB: on },
        nodes: [
          { id: 'a', type: 'core.source.sample', config: { records: many(2) } },
          { id: 'b', type: 'core.source.sample', config: { records: many(3) }, enabled: '{{settings.readB}}' } as never,
          { id: 'm', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }] } },
        ],
        edges: [edge('a', 'out', 'm'), edge('b', 'out', 'm')],
      });
    expect((await runTestFlow(doc(false))).summary).toMatchObject({ status: 'succeeded', read: 2 });
    expect((await runTestFlow(doc(true))).summary).toMatchObject({ status: 'succeeded', read: 5 });
  });

  it('reports events: started, progress, one per finished record, finished', async () => {
    const run = await runTestFlow(flow({ nodes: [{ id: 'src', type: 'core.source.sample', config: { records: many(3) } }] }));
    const types = run.events.map((e: RunEvent) => e.type);
    expect(types[0]).toBe('started');
    expect(types.filter((t) => t === 'record')).toHaveLength(3);
    expect(types.at(-1)).toBe('finished');
    expect(types).toContain('progress');
  });

  it('fails the run, naming the node, when a node loses records; it never reports success', async () => {
    const leaky = defineNode({
      type: 'test.leaky',
      kind: 'transform',
      app: 'test',
      title: 'Leaky',
      description: 'drops every third record without saying so',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      async *run(_ctx, input) {
        for await (const batch of input) yield batch.filter((r) => (r.data as { id: number }).id % 3 !== 0).map((r) => emit(r, r.data));
      },
    });
    const run = await runTestFlow(
      flow({ nodes: [{ id: 'src', type: 'core.source.sample', config: { records: many(9) } }, { id: 'leak', type: 'test.leaky' }], edges: [edge('src', 'out', 'leak')] }),
      { registry: new NodeRegistry([...builtinNodeTypes, leaky]) },
    );
    expect(run.summary.status).toBe('failed');
    expect(run.summary.error).toBe('Node "leak" lost track of records: 9 came in but 6 were sent on, skipped or failed. This is a bug in the node; no record was reported as done.');
  });

  it('fails the run with the node named when a node stops with an error, and does not hang', async () => {
    const broken = defineNode({
      type: 'test.broken',
      kind: 'transform',
      app: 'test',
      title: 'Broken',
      description: 'throws on the second batch',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      async *run(_ctx, input) {
        let n = 0;
        for await (const batch of input) {
          if (++n === 2) throw new Error('the disk is full');
          yield batch.map((r) => emit(r, r.data));
        }
      },
    });
    const run = await runTestFlow(
      flow({ nodes: [{ id: 'src', type: 'core.source.sample', config: { records: many(5000) } }, { id: 'b', type: 'test.broken' }], edges: [edge('src', 'out', 'b')] }),
      { registry: new NodeRegistry([...builtinNodeTypes, broken]), batchSize: 100 },
    );
    expect(run.summary.status).toBe('failed');
    expect(run.summary.error).toBe('Node "b" (Broken) stopped the run: the disk is full');
  });

  it('stops when cancelled and says so', async () => {
    const slow = defineNode({
      type: 'test.slow',
      kind: 'transform',
      app: 'test',
      title: 'Slow',
      description: 'takes its time',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      async *run(ctx, input) {
        for await (const batch of input) {
          await new Promise((r) => setTimeout(r, 20));
          ctx.signal.throwIfAborted();
          yield batch.map((r) => emit(r, r.data));
        }
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const store = testStore();
    try {
      const run = await runTestFlow(
        flow({ nodes: [{ id: 'src', type: 'core.source.sample', config: { records: many(10_000) } }, { id: 's', type: 'test.slow' }], edges: [edge('src', 'out', 's')] }),
        { registry: new NodeRegistry([...builtinNodeTypes, slow]), batchSize: 10, signal: controller.signal, store },
      );
      expect(run.summary.status).toBe('cancelled');
      expect(run.summary.ok).toBeLessThan(10_000);
      expect(store.runs.get(run.summary.runId)?.status).toBe('cancelled');
    } finally {
      store.dispose();
    }
  });

  it('moves the cursor of a source that re-reads its failed records after a partial run, and hands it those keys', async () => {
    const seen: string[][] = [];
    const rereading = defineNode({
      type: 'test.rereading',
      kind: 'source',
      app: 'test',
      title: 'Re-reading source',
      description: 'reads by marker, and failed keys again',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      rereadsFailed: true,
      async *run(ctx) {
        const again = ctx.failedLastTime();
        seen.push(again);
        const from = Number(ctx.cursor.get('marker') ?? 0);
        ctx.cursor.set('marker', String(from + 2));
        const keys = [...again, `r${from}`, `r${from + 1}`];
        yield keys.map((k) => emit(ctx.newRecord(k, { ok: k !== 'r1' }), { ok: k !== 'r1' }));
      },
    });
    const registry = new NodeRegistry([...builtinNodeTypes, rereading]);
    const store = testStore();
    const doc = flow({ nodes: [{ id: 's', type: 'test.rereading' }, { id: 'check', type: 'core.transform.filter', config: { condition: 'ok' } }, { id: 'no', type: 'core.transform.fail', config: { reason: 'not ok' } }], edges: [edge('s', 'out', 'check'), edge('check', 'reject', 'no')] });
    try {
      expect((await runTestFlow(doc, { store, registry })).summary.status).toBe('partial');
      expect(store.cursors.get('test-flow', 's', 'marker')).toBe('2');
      const second = await runTestFlow(doc, { store, registry });
      expect(seen).toEqual([[], ['r1']]);
      expect(second.records.map((r) => r.key)).toEqual(['r1', 'r2', 'r3']);
      expect(store.cursors.get('test-flow', 's', 'marker')).toBe('4');
    } finally {
      store.dispose();
    }
  });

  it('keeps a sync cursor only when the run succeeded, so failed records are read again', async () => {
    const cursorSource = defineNode({
      type: 'test.cursor',
      kind: 'source',
      app: 'test',
      title: 'Cursor source',
      description: 'moves a cursor',
      config: z.object({ fail: z.boolean() }),
      outputs: [{ name: 'out' }],
      async *run(ctx) {
        const from = Number(ctx.cursor.get('marker') ?? 0);
        ctx.cursor.set('marker', String(from + 10));
        yield [emit(ctx.newRecord(`r${from}`, { from, fail: ctx.config.fail }), { from })];
      },
    });
    const registry = new NodeRegistry([...builtinNodeTypes, cursorSource]);
    const store = testStore();
    const doc = (fail: boolean) =>
      flow({ nodes: [{ id: 'c', type: 'test.cursor', config: { fail } }, { id: 'm', type: 'core.transform.map', config: { fields: [{ target: 'x', expr: fail ? 'missing' : 'from' }] } }], edges: [edge('c', 'out', 'm')] });
    try {
      await runTestFlow(doc(true), { store, registry });
      expect(store.cursors.get('test-flow', 'c', 'marker')).toBeUndefined();
      await runTestFlow(doc(false), { store, registry });
      expect(store.cursors.get('test-flow', 'c', 'marker')).toBe('10');
      await runTestFlow(doc(false), { store, registry, dryRun: true });
      expect(store.cursors.get('test-flow', 'c', 'marker')).toBe('10');
    } finally {
      store.dispose();
    }
  });
});
