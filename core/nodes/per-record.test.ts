import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { executeFlow } from '../engine/execute-flow';
import { emit } from '../engine/record';
import { flow, testStore } from '../testing/golden';
import { builtinNodeTypes } from './builtin';
import { defineNode } from './define-node';
import { perRecord, YIELD_MS } from './per-record';
import { NodeRegistry } from './registry';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two records, then (after `pauseMs`) one more: a source whose next page is slow to come. */
const trickle = defineNode({
  type: 'test.source.trickle',
  kind: 'source',
  app: 'core',
  title: 'Trickle',
  description: 'Two records, a pause, one more.',
  config: z.object({ pauseMs: z.number() }),
  outputs: [{ name: 'out' }],
  async *run(ctx) {
    yield ['a', 'b'].map((k) => emit(ctx.newRecord(k, { k }), { k }));
    await sleep(ctx.config.pauseMs);
    yield [emit(ctx.newRecord('c', { k: 'c' }), { k: 'c' })];
  },
});

/** Sends each record somewhere that answers after `ms`. */
const slowTarget = defineNode({
  type: 'test.target.slow',
  kind: 'target',
  app: 'core',
  title: 'Slow target',
  description: 'Answers after a while.',
  config: z.object({ ms: z.number(), concurrency: z.number() }),
  outputs: [{ name: 'out' }],
  run: perRecord(
    (ctx) => async (rec) => {
      await sleep(ctx.config.ms);
      return emit(rec, rec.data, 'out', { action: 'create', targetId: `t-${rec.key}` });
    },
    { concurrency: (c) => c.concurrency },
  ),
});

/** When each record finished, in ms after the run started. */
async function finishTimes(source: { type: string; config: Record<string, unknown> }, target: { ms: number; concurrency: number }): Promise<Record<string, number>> {
  const store = testStore();
  try {
    const at: Record<string, number> = {};
    let started = 0;
    const doc = flow({
      nodes: [
        { id: 'src', ...source },
        { id: 'send', type: 'test.target.slow', config: target },
      ],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
    });
    const result = await executeFlow(store, new NodeRegistry([...builtinNodeTypes, trickle, slowTarget]), doc, {
      recordEvents: true,
      onEvent: (e) => {
        if (e.type === 'started') started = Date.now();
        if (e.type === 'record') at[e.key] = Date.now() - started;
      },
    });
    expect(result.ok && result.summary.status).toBe('succeeded');
    return at;
  } finally {
    store.dispose();
  }
}

describe('records handled one at a time', () => {
  it('finish while several are in flight and the next input is slow to come, not only with it', async () => {
    const at = await finishTimes({ type: 'test.source.trickle', config: { pauseMs: 2000 } }, { ms: 20, concurrency: 4 });
    expect(at['a']).toBeLessThan(1000);
    expect(at['b']).toBeLessThan(1000);
    expect(at['c']).toBeGreaterThanOrEqual(2000);
  });

  it('finish every so often when one at a time is slow, not only at the end of their batch', async () => {
    const records = Array.from({ length: 20 }, (_, i) => ({ id: `r${i}` }));
    const at = await finishTimes({ type: 'core.source.sample', config: { keyField: 'id', records } }, { ms: 100, concurrency: 1 });
    // The batch takes 2 s; its first record is passed on within YIELD_MS of its end.
    expect(at['r0']).toBeLessThan(100 + YIELD_MS + 600);
    expect(at['r19']).toBeGreaterThanOrEqual(2000);
  });
});
