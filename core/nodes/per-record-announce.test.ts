import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { emit } from '../engine/record';
import { flow, runTestFlow } from '../testing/golden';
import { builtinNodeTypes } from './builtin';
import { defineNode } from './define-node';
import { perRecord } from './per-record';
import { NodeRegistry } from './registry';

/** A node that notes, for each record, how many records of the run it had been told of before handling it. */
function announcing(concurrency: number, failBeforeBatch = false) {
  return defineNode({
    type: 'test.announcing',
    kind: 'transform',
    app: 'core',
    title: 'Announcing',
    description: 'test',
    config: z.object({}),
    outputs: [{ name: 'out' }],
    run: perRecord(
      () => {
        let told = 0;
        return {
          beforeBatch: (batch) => {
            if (failBeforeBatch) throw new Error('no hints today');
            told += batch.length;
          },
          handle: async (rec) => emit(rec, { ...(rec.data as object), told }),
        };
      },
      { concurrency: () => concurrency },
    ),
  });
}

const records = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));
const doc = flow({
  nodes: [
    { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records } },
    { id: 'node', type: 'test.announcing' },
  ],
  edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'node', port: 'in' } }],
});

describe('perRecord with a batch-aware handler', () => {
  it.each([1, 4])('tells each batch before its records are handled (concurrency %i)', async (concurrency) => {
    const run = await runTestFlow(doc, { registry: new NodeRegistry([...builtinNodeTypes, announcing(concurrency)]), batchSize: 3 });
    // Batches of 3, 3 and 1: a record knows at least its own batch and every one before it.
    const told = Object.fromEntries(run.records.map((r) => [r.key, (r.data as { told: number }).told]));
    for (const [i, r] of records.entries()) expect(told[r.id]).toBeGreaterThanOrEqual(Math.min(7, (Math.floor(i / 3) + 1) * 3));
  });

  it('a failing hint fails no record', async () => {
    const run = await runTestFlow(doc, { registry: new NodeRegistry([...builtinNodeTypes, announcing(4, true)]), batchSize: 3 });
    expect(run.summary).toMatchObject({ status: 'succeeded', ok: 7, failed: 0 });
  });
});
