/**
 * "Retry the failed records" with the real engine and store: only the failed records run, with the
 * flow's current version; nothing is created twice (the id ledger); no cursor moves; the run is
 * stored as a retry of the first.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodeTypes, builtinRegistry } from '../nodes/builtin';
import { defineNode } from '../nodes/define-node';
import { NodeRegistry } from '../nodes/registry';
import { flow, retryTestRun, runTestFlow, testStore } from '../testing/golden';
import { emit } from './record';
import { planRetry, RetryRefused } from './retry-run';

let server: Server;
let base = '';
let posted: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posted.push(req.url ?? '');
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { id: `t-${posted.length}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  posted = [];
});

const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const orders = Array.from({ length: 6 }, (_, i) => ({ id: `o${i + 1}`, ref: `WEB-${1000 + i}`, vat: i % 3 === 1 ? null : 21 }));

/** Orders sent when changed (id ledger) to a real HTTP API, then checked: those without a VAT rate fail after they were sent. */
const ordersFlow = (condition: string) =>
  flow({
    id: 'orders',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', labelField: 'ref', records: orders } },
      { id: 'send', type: 'http.target.request', config: { url: `${base}/orders/{{id}}`, idField: 'data.id', resend: 'when-changed', entity: 'order' } },
      { id: 'check', type: 'core.transform.filter', config: { condition } },
      { id: 'no', type: 'core.transform.fail', config: { reason: 'no VAT rate' } },
    ],
    edges: [edge('src', 'out', 'send'), edge('send', 'out', 'check'), edge('check', 'reject', 'no')],
  });

describe('retrying the failed records of a run', () => {
  it('runs only the failed records, with the current flow version, creates nothing twice, and is stored as a retry of the first', async () => {
    const store = testStore();
    try {
      const first = await runTestFlow(ordersFlow('vat != null'), { store });
      expect(first.summary).toMatchObject({ status: 'partial', read: 6, failed: 2 });
      expect(first.records.filter((r) => r.status === 'failed').map((r) => [r.key, r.label])).toEqual([
        ['o2', 'WEB-1001'],
        ['o5', 'WEB-1004'],
      ]);
      expect(posted).toHaveLength(6);

      // The flow is fixed (version 2), then the failed records are retried.
      const retry = await retryTestRun(store, builtinRegistry(), first.summary.runId, ordersFlow('true'));
      expect(retry.summary).toMatchObject({ status: 'succeeded', read: 2, ok: 2, flowVersion: 1 });
      expect(retry.records.map((r) => [r.key, r.status, r.lineage.find((s) => s.node === 'send')?.action])).toEqual([
        ['o2', 'ok', 'unchanged'],
        ['o5', 'ok', 'unchanged'],
      ]);
      // Sent before they failed: the ledger knows them, so nothing is posted again.
      expect(posted).toHaveLength(6);
      expect(store.runs.get(retry.summary.runId)).toMatchObject({ trigger: 'retry', startedBy: 'retry', retryOf: first.summary.runId });
      expect(store.runs.retriesOf(first.summary.runId).map((r) => r.id)).toEqual([retry.summary.runId]);
      expect(store.runs.list({ startedBy: 'retry' }).map((r) => r.id)).toEqual([retry.summary.runId]);
    } finally {
      store.dispose();
    }
  });

  it('runs the current version of the flow, not the one of the run it retries', async () => {
    const store = testStore();
    try {
      store.flows.save(ordersFlow('vat != null'));
      const first = await runTestFlow(ordersFlow('vat != null'), { store });
      const fixed = ordersFlow('true');
      fixed.nodes.push({ id: 'tag', type: 'core.transform.defaults', config: { values: [{ path: 'retried', value: true }] }, position: { x: 0, y: 0 } } as never);
      fixed.edges.push(edge('check', 'pass', 'tag'));
      const retry = await retryTestRun(store, builtinRegistry(), first.summary.runId, fixed);
      expect(retry.summary.flowVersion).toBe(2);
      expect(retry.records.map((r) => [r.key, r.node, (r.data as { retried?: boolean }).retried])).toEqual([
        ['o2', 'tag', true],
        ['o5', 'tag', true],
      ]);
    } finally {
      store.dispose();
    }
  });

  it('hands a source that reads by key just the failed keys, reads nothing else, and moves no cursor', async () => {
    const calls: Array<{ retrying: boolean; keys: string[] }> = [];
    const byKey = defineNode({
      type: 'test.byKey',
      kind: 'source',
      app: 'test',
      title: 'Reads changes by marker and failed records by key',
      description: 'test',
      config: z.object({}),
      outputs: [{ name: 'out' }],
      rereadsFailed: true,
      labelOf: (data) => (data as { label: string }).label,
      async *run(ctx) {
        const keys = ctx.failedLastTime();
        calls.push({ retrying: ctx.retrying, keys });
        const make = (k: string) => emit(ctx.newRecord(k, { label: `L-${k}`, ok: !k.endsWith('1') }), { label: `L-${k}`, ok: !k.endsWith('1') });
        if (keys.length) yield keys.map(make);
        if (ctx.retrying) return;
        const from = Number(ctx.cursor.get('marker') ?? 0);
        ctx.cursor.set('marker', String(from + 3));
        yield [`r${from}`, `r${from + 1}`, `r${from + 2}`].map(make);
      },
    });
    const registry = new NodeRegistry([...builtinNodeTypes, byKey]);
    const doc = flow({ id: 'bykey', nodes: [{ id: 's', type: 'test.byKey' }, { id: 'check', type: 'core.transform.filter', config: { condition: 'ok' } }, { id: 'no', type: 'core.transform.fail', config: { reason: 'not ok' } }], edges: [edge('s', 'out', 'check'), edge('check', 'reject', 'no')] });
    const store = testStore();
    try {
      const first = await runTestFlow(doc, { store, registry });
      expect(first.summary).toMatchObject({ status: 'partial', failed: 1 });
      const cursors = () => ['marker', 'failedKeys'].map((name) => store.cursors.get('bykey', 's', name));
      const before = cursors();
      expect(before).toEqual(['3', '["r1"]']);

      const retry = await retryTestRun(store, registry, first.summary.runId, doc);
      expect(calls.at(-1)).toEqual({ retrying: true, keys: ['r1'] });
      expect(retry.records.map((r) => [r.key, r.label, r.status])).toEqual([['r1', 'L-r1', 'failed']]);
      expect(cursors()).toEqual(before);

      // The next ordinary run goes on from the cursor, with the failed record read again.
      const next = await runTestFlow(doc, { store, registry });
      expect(calls.at(-1)).toEqual({ retrying: false, keys: ['r1'] });
      expect(next.records.map((r) => r.key)).toEqual(['r1', 'r3', 'r4', 'r5']);
    } finally {
      store.dispose();
    }
  });

  it('keeps only the failed keys of a source that cannot read by key, and reads no source without failures', async () => {
    const store = testStore();
    const doc = flow({
      id: 'two-sources',
      nodes: [
        { id: 'a', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'a1', n: 1 }, { id: 'a2', n: 0 }, { id: 'a3', n: 0 }] } },
        { id: 'b', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'b1', n: 1 }] } },
        { id: 'check', type: 'core.transform.filter', config: { condition: 'n > 0' } },
        { id: 'no', type: 'core.transform.fail', config: { reason: 'n is 0' } },
      ],
      edges: [edge('a', 'out', 'check'), edge('b', 'out', 'check'), edge('check', 'reject', 'no')],
    });
    try {
      const first = await runTestFlow(doc, { store });
      expect(first.summary).toMatchObject({ status: 'partial', read: 4, failed: 2 });
      const retry = await retryTestRun(store, builtinRegistry(), first.summary.runId, doc);
      // Every record counted was read for the retry: the other records of "a" and all of "b" are not in it.
      expect(retry.summary).toMatchObject({ status: 'partial', read: 2, failed: 2, ok: 0 });
      expect(retry.summary.nodes['b']).toMatchObject({ out: { out: 0 } });
      expect(retry.records.map((r) => r.key)).toEqual(['a2', 'a3']);
    } finally {
      store.dispose();
    }
  });

  it('says why a run cannot be retried', async () => {
    const store = testStore();
    try {
      const ok = await runTestFlow(ordersFlow('true'), { store });
      expect(() => planRetry(store, 'run_nope')).toThrow(new RetryRefused('There is no run "run_nope". `sincro runs list --status partial` shows runs with failed records.'));
      expect(() => planRetry(store, ok.summary.runId)).toThrow(`The run ${ok.summary.runId} has no failed records to retry.`);
      const partial = await runTestFlow(ordersFlow('vat != null'), { store });
      expect(() => planRetry(store, partial.summary.runId)).toThrow(`The flow "Test flow" (orders) of run ${partial.summary.runId} is no longer stored, so its records cannot be retried.`);
      const renamed = ordersFlow('true');
      renamed.nodes[0] = { ...(renamed.nodes[0] as (typeof renamed.nodes)[number]), id: 'orders' };
      renamed.edges[0] = edge('orders', 'out', 'send');
      store.flows.save(renamed);
      expect(() => planRetry(store, partial.summary.runId)).toThrow(`The failed records of run ${partial.summary.runId} came from "src", which the flow "Test flow" no longer has (version 1).`);
    } finally {
      store.dispose();
    }
  });
});
