import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { perRecordPure } from '../nodes/per-record';
import { NodeRegistry } from '../nodes/registry';
import { flow, runTestFlow } from '../testing/golden';
import { emit } from './record';

const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

/** A source that notes, before making each batch, how many records the target has had so far. */
function pacedSource(seen: number[], target: { got: number }) {
  return defineNode({
    type: 'test.paced',
    kind: 'source',
    app: 'test',
    title: 'Paced',
    description: 'makes 10 batches of 10',
    config: z.object({}),
    outputs: [{ name: 'out' }],
    async *run(ctx) {
      for (let b = 0; b < 10; b++) {
        seen.push(target.got);
        yield Array.from({ length: 10 }, (_, i) => emit(ctx.newRecord(String(b * 10 + i), { id: b * 10 + i }), { id: b * 10 + i }));
      }
    },
  });
}

function countingTarget(target: { got: number }) {
  return defineNode({
    type: 'test.count',
    kind: 'target',
    app: 'test',
    title: 'Count',
    description: 'counts what it gets',
    config: z.object({}),
    outputs: [{ name: 'out' }],
    run: perRecordPure(() => (rec) => {
      target.got++;
      return emit(rec, rec.data);
    }),
  });
}

describe('transforms handled in their sender’s turn', () => {
  it('take each batch straight from the node that sent it: a chain of them keeps no queue', async () => {
    const seen: number[] = [];
    const transformed: number[] = [];
    const spied = { got: 0 };
    const spy = defineNode({
      type: 'test.spy',
      kind: 'transform',
      app: 'test',
      title: 'Spy',
      description: 'notes each record',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      run: perRecordPure(() => (rec) => {
        transformed.push((rec.data as { id: number }).id);
        spied.got++;
        return emit(rec, rec.data);
      }),
    });
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'test.paced' },
          { id: 'a', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }, { target: 'double', expr: 'id * 2' }] } },
          { id: 'b', type: 'core.transform.valueMap', config: { field: 'double', table: [{ from: '0', to: 'zero' }], whenMissing: 'keep' } },
          { id: 'spy', type: 'test.spy' },
        ],
        edges: [edge('src', 'out', 'a'), edge('a', 'out', 'b'), edge('b', 'out', 'spy')],
      }),
      { registry: new NodeRegistry([...builtinNodeTypes, pacedSource(seen, spied), spy]), batchSize: 10 },
    );
    expect(run.summary).toMatchObject({ status: 'succeeded', read: 100, ok: 100 });
    expect(run.summary.nodes['b']).toMatchObject({ in: 100, out: { out: 100 } });
    // Each batch went through the whole chain before the source made the next one.
    expect(seen).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(transformed).toEqual(many(100).map((r) => r.id - 1));
    const r7 = run.records.find((r) => r.key === '7');
    expect(r7?.lineage.map((s) => s.node)).toEqual(['src', 'a', 'b', 'spy']);
    expect(r7?.data).toEqual({ id: 7, double: 14 });
  });

  it('a target still has its own queue, so its sender does not wait for each write', async () => {
    const seen: number[] = [];
    const target = { got: 0 };
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'test.paced' },
          { id: 'm', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }] } },
          { id: 'out', type: 'test.count' },
        ],
        edges: [edge('src', 'out', 'm'), edge('m', 'out', 'out')],
      }),
      { registry: new NodeRegistry([...builtinNodeTypes, pacedSource(seen, target), countingTarget(target)]), batchSize: 10 },
    );
    expect(run.summary).toMatchObject({ status: 'succeeded', ok: 100 });
    // The source ran ahead of the target by the target's queue, never by more than a few batches.
    expect(seen.some((got, b) => got < b * 10)).toBe(true);
    expect(seen.every((got, b) => got >= (b - 4) * 10)).toBe(true);
  });

  it('a look-up whose table cannot be loaded stops the run, named, even when no record comes', async () => {
    const table = join(mkdtempSync(join(tmpdir(), 'sincro-inline-')), 'sincro-table.json');
    writeFileSync(table, '[{"id": 1},');
    for (const records of [[], many(3)]) {
      const run = await runTestFlow(
        flow({
          nodes: [
            { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
            { id: 'look', type: 'core.lookup.table', config: { key: 'id', keyColumn: 'id', as: 'row', table: { from: 'file', path: table, format: 'json' } } },
          ],
          edges: [edge('src', 'out', 'look')],
        }),
      );
      expect(run.summary.status).toBe('failed');
      expect(run.summary.error).toMatch(/^Node "look" \(.+\) stopped the run: .*sincro-table\.json is not valid JSON/);
    }
  });

  it('a run cancelled while records cross them ends cancelled, without hanging, and nothing is counted twice', async () => {
    const slowTarget = defineNode({
      type: 'test.slowTarget',
      kind: 'target',
      app: 'test',
      title: 'Slow target',
      description: 'takes its time per batch',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      async *run(ctx, input) {
        for await (const batch of input) {
          await new Promise((r) => setTimeout(r, 10));
          ctx.signal.throwIfAborted();
          yield batch.map((r) => emit(r, r.data));
        }
      },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: many(20_000) } },
          { id: 'm', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }] } },
          { id: 'f', type: 'core.transform.filter', config: { condition: 'id > 0' } },
          { id: 'out', type: 'test.slowTarget' },
        ],
        edges: [edge('src', 'out', 'm'), edge('m', 'out', 'f'), edge('f', 'pass', 'out')],
      }),
      { registry: new NodeRegistry([...builtinNodeTypes, slowTarget]), batchSize: 50, signal: controller.signal },
    );
    expect(run.summary.status).toBe('cancelled');
    expect(run.summary.ok).toBeLessThan(20_000);
    expect(run.summary.nodes['f']?.in).toBeLessThanOrEqual(run.summary.nodes['m']?.in ?? 0);
    expect(run.summary.nodes['m']?.in).toBeLessThanOrEqual(run.summary.read);
  });
});
