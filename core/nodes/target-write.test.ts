import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emit, RecordError, skip } from '../engine/record';
import { flow, runTestFlow, testStore } from '../testing/golden';
import { builtinNodeTypes } from './builtin';
import { defineNode } from './define-node';
import { perRecord } from './per-record';
import { NodeRegistry } from './registry';
import { writeWithLedger, type WriteMode } from './target-write';

/** A tiny target system kept in memory, with a search by email, to exercise the ledger rules. */
class Remote {
  rows = new Map<string, { email: string; name: string }>();
  creates = 0;
  updates = 0;
  failNextCreate: 'refuse' | 'lose-answer' | undefined;
  searchable = true;
}

function registryFor(remote: Remote, mode: WriteMode) {
  const target = defineNode({
    type: 'test.target.customer',
    kind: 'target',
    app: 'test',
    title: 'Customer (test)',
    description: 'test target',
    config: z.object({}),
    outputs: [{ name: 'out' }],
    run: perRecord(
      (ctx) => async (rec) => {
        const data = rec.data as { email: string; name: string; total?: number };
        const result = await writeWithLedger(ctx, {
          scope: 'remote',
          entity: 'customer',
          sourceId: data.email,
          payload: data,
          mode,
          total: data.total,
          find: remote.searchable ? async () => [...remote.rows].find(([, r]) => r.email === data.email)?.[0] : undefined,
          create: async () => {
            await new Promise((r) => setTimeout(r, 5));
            const failure = remote.failNextCreate;
            remote.failNextCreate = undefined;
            if (failure === 'refuse') throw new RecordError('the target refused it');
            const id = `c${remote.rows.size + 1}`;
            remote.rows.set(id, { ...data });
            remote.creates++;
            if (failure === 'lose-answer') throw new Error('the connection dropped before the answer');
            return { id };
          },
          update: async (id) => {
            remote.rows.set(id, { ...data });
            remote.updates++;
            return {};
          },
        });
        return result.outcome === 'skipped' ? skip(rec, result.reason, { targetId: result.targetId }) : emit(rec, rec.data, 'out', { action: result.action, targetId: result.targetId });
      },
      { concurrency: () => 4 },
    ),
  });
  return new NodeRegistry([...builtinNodeTypes, target]);
}

const customers = (...rows: Array<[string, string]>) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'email', records: rows.map(([email, name]) => ({ email, name })) } },
      { id: 'put', type: 'test.target.customer' },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'put', port: 'in' } }],
  });

/** Records with a total, as documents have: [email (the key), name, total in cents]. */
const documents = (...rows: Array<[string, string, number]>) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'email', records: rows.map(([email, name, total]) => ({ email, name, total })) } },
      { id: 'put', type: 'test.target.customer' },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'put', port: 'in' } }],
  });

describe('a document synced once (create mode) whose source changes afterwards', () => {
  it('fails once per change, naming both totals, and is skipped again after that; the target is never written again', async () => {
    const store = testStore();
    const remote = new Remote();
    const registry = registryFor(remote, 'create');
    try {
      await runTestFlow(documents(['a@x.nl', 'Order 1', 6749]), { store, registry });
      const same = await runTestFlow(documents(['a@x.nl', 'Order 1 (paid)', 6749]), { store, registry });
      expect(same.records[0]).toMatchObject({ status: 'skipped', message: 'already synced: customer c1 exists in the target' });

      const changed = await runTestFlow(documents(['a@x.nl', 'Order 1', 5999]), { store, registry });
      expect(changed.records[0]?.status).toBe('failed');
      expect(changed.records[0]?.message).toMatch(/^changed after it was synced: it came to €67\.49 when it was synced as customer c1, and comes to €59\.99 now\./);
      const after = await runTestFlow(documents(['a@x.nl', 'Order 1', 5999]), { store, registry });
      expect(after.records[0]?.status).toBe('skipped');
      // A dry run tells a change too, and leaves it for the real run to tell.
      const dry = await runTestFlow(documents(['a@x.nl', 'Order 1', -1250]), { store, registry, dryRun: true });
      expect(dry.records[0]?.status).toBe('failed');
      const again = await runTestFlow(documents(['a@x.nl', 'Order 1', -1250]), { store, registry });
      expect(again.records[0]?.message).toMatch(/it came to €59\.99 .* comes to −€12\.50 now/);
      expect(remote.creates).toBe(1);
      expect(remote.updates).toBe(0);
    } finally {
      store.dispose();
    }
  });

  it('one found in the target (synced by another computer, or before totals were noted) starts from its total then', async () => {
    const store = testStore();
    const remote = new Remote();
    remote.rows.set('c9', { email: 'a@x.nl', name: 'Order 1' });
    const registry = registryFor(remote, 'create');
    try {
      expect((await runTestFlow(documents(['a@x.nl', 'Order 1', 100]), { store, registry })).records[0]?.status).toBe('skipped');
      expect((await runTestFlow(documents(['a@x.nl', 'Order 1', 100]), { store, registry })).records[0]?.status).toBe('skipped');
      expect((await runTestFlow(documents(['a@x.nl', 'Order 1', 150]), { store, registry })).records[0]?.message).toMatch(/came to €1\.00 .* comes to €1\.50 now/);
    } finally {
      store.dispose();
    }
  });
});

describe('writing through the id ledger', () => {
  it('creates once, skips unchanged records on a rerun, and updates changed ones', async () => {
    const store = testStore();
    const remote = new Remote();
    const registry = registryFor(remote, 'upsert');
    try {
      const first = await runTestFlow(customers(['a@x.nl', 'Anna'], ['b@x.nl', 'Bram']), { store, registry });
      expect(first.summary.nodes['put']).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
      const second = await runTestFlow(customers(['a@x.nl', 'Anna'], ['b@x.nl', 'Bram B.']), { store, registry });
      expect(second.summary.nodes['put']).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      expect(remote.creates).toBe(2);
      expect(remote.rows.get('c2')?.name).toBe('Bram B.');
    } finally {
      store.dispose();
    }
  });

  it('never writes the same target record twice at once, even with several records in flight', async () => {
    const remote = new Remote();
    const run = await runTestFlow(customers(['a@x.nl', 'Anna'], ['a@x.nl', 'Anna'], ['a@x.nl', 'Anna'], ['b@x.nl', 'Bram']), { registry: registryFor(remote, 'upsert') });
    expect(remote.creates).toBe(2);
    expect(run.summary.nodes['put']).toMatchObject({ created: 2, unchanged: 2 });
  });

  it('adopts a record that already exists in the target instead of creating it again', async () => {
    const remote = new Remote();
    remote.rows.set('c9', { email: 'a@x.nl', name: 'Anna (entered by hand)' });
    const run = await runTestFlow(customers(['a@x.nl', 'Anna']), { registry: registryFor(remote, 'create') });
    expect(remote.creates).toBe(0);
    expect(run.records[0]).toMatchObject({ status: 'skipped', targetId: 'c9', message: 'already synced: customer c9 exists in the target' });
  });

  it('after a write whose answer was lost, the next run looks in the target and does not create a duplicate', async () => {
    const store = testStore();
    const remote = new Remote();
    const registry = registryFor(remote, 'upsert');
    try {
      remote.failNextCreate = 'lose-answer';
      const first = await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      expect(first.summary.status).toBe('partial');
      expect(store.ledger.get('remote', 'customer', 'a@x.nl')?.state).toBe('pending');
      await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      expect(remote.creates).toBe(1);
      expect(store.ledger.get('remote', 'customer', 'a@x.nl')).toMatchObject({ state: 'done', targetId: 'c1' });
    } finally {
      store.dispose();
    }
  });

  it('when the target cannot be searched, an unconfirmed write fails the record rather than risk a duplicate', async () => {
    const store = testStore();
    const remote = new Remote();
    remote.searchable = false;
    const registry = registryFor(remote, 'upsert');
    try {
      remote.failNextCreate = 'lose-answer';
      await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      const second = await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      expect(remote.creates).toBe(1);
      expect(second.records[0]?.message).toMatch(/a previous run was interrupted while writing this customer.*sincro ledger forget remote customer a@x\.nl/);
    } finally {
      store.dispose();
    }
  });

  it('a refused create leaves no pending mark, so the fixed record is created next time', async () => {
    const store = testStore();
    const remote = new Remote();
    remote.searchable = false;
    const registry = registryFor(remote, 'upsert');
    try {
      remote.failNextCreate = 'refuse';
      const first = await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      expect(first.records[0]?.message).toBe('the target refused it');
      expect(store.ledger.get('remote', 'customer', 'a@x.nl')).toBeUndefined();
      await runTestFlow(customers(['a@x.nl', 'Anna']), { store, registry });
      expect(remote.creates).toBe(1);
    } finally {
      store.dispose();
    }
  });

  it('a dry run writes nothing, to the target or the ledger, and gives the plan', async () => {
    const store = testStore();
    const remote = new Remote();
    try {
      const run = await runTestFlow(customers(['a@x.nl', 'Anna'], ['a@x.nl', 'Anna']), { store, registry: registryFor(remote, 'upsert'), dryRun: true });
      expect(remote.creates).toBe(0);
      expect(store.ledger.list()).toEqual([]);
      expect(run.records.map((r) => r.action)).toEqual(['create', 'unchanged']);
    } finally {
      store.dispose();
    }
  });
});
