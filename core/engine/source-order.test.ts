/** A source that reads after others starts once every copy of their records has ended, and never hangs a run. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RunEvent } from '../api/run-model';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, runTestFlow } from '../testing/golden';
import { emit, fail } from './record';

const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

const source = (type: string, readsAfter?: string[]) =>
  defineNode({
    type,
    kind: 'source',
    app: 'test',
    title: type,
    description: 'test',
    config: z.object({ prefix: z.string(), count: z.number() }),
    outputs: [{ name: 'out' }],
    ...(readsAfter ? { readsAfter: () => readsAfter } : {}),
    async *run(ctx) {
      for (let i = 0; i < ctx.config.count; i += 5) {
        yield Array.from({ length: Math.min(5, ctx.config.count - i) }, (_, j) => emit(ctx.newRecord(`${ctx.config.prefix}${i + j}`, { n: i + j }), { n: i + j }));
      }
    },
  });

/** Holds each batch a while, so records of a source that did not wait would overtake the others. */
const slow = defineNode({
  type: 'test.slow',
  kind: 'transform',
  app: 'test',
  title: 'Slow',
  description: 'test',
  config: z.object({ failKey: z.string().optional() }),
  outputs: [{ name: 'out' }],
  async *run(ctx, input) {
    for await (const batch of input) {
      await new Promise((r) => setTimeout(r, 20));
      yield batch.map((rec) => (rec.key === ctx.config.failKey ? fail(rec, new Error('refused')) : emit(rec, rec.data, 'out')));
    }
  },
});

const registry = new NodeRegistry([...builtinNodeTypes, source('test.invoices'), source('test.credits', ['test.invoices']), slow]);
const finishedKeys = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'record' ? [e.key] : []));

describe('a source that reads after others', () => {
  it('starts when every copy of their records has ended, whatever way it ended', async () => {
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'invoices', type: 'test.invoices', config: { prefix: 'i', count: 40 } },
          { id: 'credits', type: 'test.credits', config: { prefix: 'c', count: 10 } },
          { id: 'work', type: 'test.slow', config: { failKey: 'i7' } },
          { id: 'copy', type: 'test.slow', config: {} },
        ],
        // Each invoice goes down two branches; the credits share the first.
        edges: [edge('invoices', 'out', 'work'), edge('invoices', 'out', 'copy'), edge('credits', 'out', 'work')],
      }),
      { registry, batchSize: 5 },
    );
    expect(run.summary).toMatchObject({ status: 'partial', read: 50, ok: 89, failed: 1 });
    const keys = finishedKeys(run.events);
    const lastInvoice = keys.map((k) => k.startsWith('i')).lastIndexOf(true);
    const firstCredit = keys.findIndex((k) => k.startsWith('c'));
    expect(lastInvoice).toBe(79);
    expect(firstCredit).toBe(80);
    expect(run.events.find((e) => e.type === 'log')).toMatchObject({ node: 'credits', message: 'starts when the records of “test.invoices” are through, so what they write in this run is found' });
  });

  it('starts at once when the sources it reads after are switched off or absent', async () => {
    const run = await runTestFlow(
      flow({
        settings: { invoices: false },
        nodes: [
          { id: 'invoices', type: 'test.invoices', config: { prefix: 'i', count: 5 }, enabled: '{{settings.invoices}}' } as never,
          { id: 'credits', type: 'test.credits', config: { prefix: 'c', count: 5 } },
        ],
      }),
      { registry },
    );
    expect(run.summary).toMatchObject({ status: 'succeeded', read: 5 });
    const alone = await runTestFlow(flow({ nodes: [{ id: 'credits', type: 'test.credits', config: { prefix: 'c', count: 3 } }] }), { registry });
    expect(alone.summary).toMatchObject({ status: 'succeeded', read: 3 });
  });

  it('does not hang a run that stops while it waits', async () => {
    const broken = defineNode({
      type: 'test.broken',
      kind: 'transform',
      app: 'test',
      title: 'Broken',
      description: 'test',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      // eslint-disable-next-line require-yield
      async *run() {
        throw new Error('the disk is full');
      },
    });
    const run = await runTestFlow(
      flow({
        nodes: [
          { id: 'invoices', type: 'test.invoices', config: { prefix: 'i', count: 40 } },
          { id: 'credits', type: 'test.credits', config: { prefix: 'c', count: 5 } },
          { id: 'b', type: 'test.broken', config: {} },
        ],
        edges: [edge('invoices', 'out', 'b'), edge('credits', 'out', 'b')],
      }),
      { registry: new NodeRegistry([...registry.list(), broken]), batchSize: 5 },
    );
    expect(run.summary.status).toBe('failed');
    expect(run.summary.error).toBe('Node "b" (Broken) stopped the run: the disk is full');
  });
});
