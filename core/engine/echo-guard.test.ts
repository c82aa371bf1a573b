/**
 * The echo rule in a custom flow: a record whose origin is an app a target downstream writes to
 * ends as skipped at its source, before a transform that would fail on it; other records and other
 * flows go on as before.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodeTypes } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, runTestFlow } from '../testing/golden';
import { emit } from './record';

const docs = [
  { id: 'made-here', marker: null, lines: [{ sku: '101' }] },
  { id: 'copy', marker: 'mplus', lines: [{ sku: '101' }, { sku: null }] },
];

const teamleaderDocs = defineNode({
  type: 'test.teamleader.docs',
  kind: 'source',
  app: 'teamleader',
  title: 'Teamleader documents',
  description: 'documents, one a copy Sincro made from MplusKASSA',
  config: z.object({}),
  outputs: [{ name: 'out' }],
  originOf: (data, key) => ((data as { marker: string | null }).marker ? { app: 'mplus', entity: 'order', id: `m-${key}` } : { app: 'teamleader', entity: 'invoice', id: key }),
  async *run(ctx) {
    yield docs.map((d) => emit(ctx.newRecord(d.id, d), d));
  },
});

const targetOf = (app: string) =>
  defineNode({
    type: `test.${app}.target`,
    kind: 'target',
    app,
    title: `Write to ${app}`,
    description: 'writes nothing, says it did',
    config: z.object({}),
    outputs: [{ name: 'out' }],
    async *run(_ctx, input) {
      for await (const batch of input) yield batch.map((r) => emit(r, r.data, 'out', { action: 'create', targetId: `t-${r.key}` }));
    },
  });

const registry = new NodeRegistry([...builtinNodeTypes, teamleaderDocs, targetOf('mplus'), targetOf('file')]);
const edge = (from: string, to: string) => ({ from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });
// A map that, like the template's read-order, refuses a line without a product.
const strictMap = { id: 'lines', type: 'core.transform.map', config: { fields: [{ target: 'skus', expr: 'lines.(sku ? sku : $error("a line has no product"))' }, { target: 'id', expr: 'id' }] } };

describe('the echo guard at the source', () => {
  it('skips a copy from the app a downstream target writes to where it is read, with its data in the lineage; the rest goes on', async () => {
    const run = await runTestFlow(flow({ nodes: [{ id: 'src', type: 'test.teamleader.docs' }, strictMap, { id: 'write', type: 'test.mplus.target' }], edges: [edge('src', 'lines'), edge('lines', 'write')] }), { registry });
    expect(run.summary).toMatchObject({ status: 'succeeded', read: 2, ok: 1, skipped: 1, failed: 0 });
    const copy = run.records.find((r) => r.key === 'copy');
    expect(copy).toMatchObject({ status: 'skipped', node: 'src', message: 'came from MplusKASSA (order m-copy), so it is not sent back there' });
    expect(copy?.lineage).toEqual([{ node: 'src', data: docs[1], note: 'came from MplusKASSA (order m-copy), so it is not sent back there' }]);
    expect(run.summary.nodes['lines']?.in).toBe(1);
  });

  it('lets the copy through when no target downstream writes to its origin app', async () => {
    const run = await runTestFlow(flow({ nodes: [{ id: 'src', type: 'test.teamleader.docs' }, { id: 'write', type: 'test.file.target' }], edges: [edge('src', 'write')] }), { registry });
    expect(run.summary).toMatchObject({ status: 'succeeded', read: 2, ok: 2, skipped: 0 });
  });
});
