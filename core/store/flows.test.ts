/**
 * Issue 11 §8: an edit session makes one version, not one per change. The editor saves a moment
 * after every change; before, 20 changes in 17 minutes were 20 versions, mostly without a note.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../api/flow-document';
import { testStore } from '../testing/golden';
import { EDIT_SESSION_MS } from './flows';

let store: ReturnType<typeof testStore>;
beforeEach(() => (store = testStore()));
afterEach(() => store.dispose());

const doc = (name: string): FlowDocument => ({ schemaVersion: 1, id: 'orders', name, settings: {}, nodes: [], edges: [] });
const t0 = Date.parse('2026-12-02T09:00:00.000Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const versions = () => store.flows.versions('orders').map((v) => [v.version, v.note]);

describe('versions of a flow edited in the editor', () => {
  it('20 saves of one window within 17 minutes make one version, holding the last', () => {
    store.flows.save(doc('Orders'), 'created from the template orders');
    for (let i = 1; i <= 20; i++) store.flows.save(doc(`Orders ${i}`), undefined, { session: 'window-a', now: at(i * 0.85) });
    expect(versions()).toEqual([
      [2, null],
      [1, 'created from the template orders'],
    ]);
    expect(store.flows.get('orders')?.doc.name).toBe('Orders 20');
    expect(store.flows.versions('orders')[0]?.savedAt).toBe(at(17).toISOString());
  });

  it('a run of the version, a note, another window or a pause longer than the session starts a new version', () => {
    store.flows.save(doc('v1'), 'created');
    expect(store.flows.save(doc('a'), undefined, { session: 'w', now: at(0) })).toEqual({ id: 'orders', version: 2, changed: true });
    expect(store.flows.save(doc('b'), undefined, { session: 'w', now: at(1) })).toEqual({ id: 'orders', version: 2, changed: true, replaced: true });

    // A run used version 2: the next change is version 3.
    store.runs.start({ runId: 'run_1', flowId: 'orders', flowVersion: 2, flowName: 'b', dryRun: true, trigger: 'manual', startedAt: at(2).toISOString(), mask: (s: string) => s });
    expect(store.flows.save(doc('c'), undefined, { session: 'w', now: at(3) }).version).toBe(3);
    // A pause longer than the session.
    expect(store.flows.save(doc('d'), undefined, { session: 'w', now: at(3 + EDIT_SESSION_MS / 60_000 + 1) }).version).toBe(4);
    // Another window.
    expect(store.flows.save(doc('e'), undefined, { session: 'other', now: at(15) }).version).toBe(5);
    // A note.
    expect(store.flows.save(doc('f'), 'prices incl. VAT', { session: 'other', now: at(16) }).version).toBe(6);
    // A noted version is kept as it is: the session's next change is a new one.
    expect(store.flows.save(doc('g'), undefined, { session: 'other', now: at(17) }).version).toBe(7);
    // Saves without a session (the CLI, an import) are versions of their own.
    expect(store.flows.save(doc('h')).version).toBe(8);
    expect(store.flows.save(doc('i')).version).toBe(9);
  });

  it('a note for what is saved already names the current version and ends its session', () => {
    store.flows.save(doc('v1'), 'created');
    store.flows.save(doc('draft'), undefined, { session: 'w', now: at(0) });
    expect(store.flows.save(doc('draft'), 'ready for a dry run', { session: 'w', now: at(1) })).toEqual({ id: 'orders', version: 2, changed: false });
    expect(versions()).toEqual([
      [2, 'ready for a dry run'],
      [1, 'created'],
    ]);
    expect(store.flows.save(doc('after'), undefined, { session: 'w', now: at(2) }).version).toBe(3);
    expect(store.flows.save(doc('after'), 'another note', { session: 'w', now: at(3) }).changed).toBe(false);
    // A version that has a note keeps it.
    expect(store.flows.save(doc('after'), 'a third note', { session: 'w', now: at(4) }).changed).toBe(false);
    expect(store.flows.versions('orders')[0]).toMatchObject({ version: 3, note: 'another note' });
  });

  it('an edit session that comes back to the version before it leaves no version of its own', () => {
    store.flows.save(doc('v1'), 'created');
    store.flows.save(doc('changed'), undefined, { session: 'w', now: at(0) });
    expect(store.flows.save(doc('v1'), undefined, { session: 'w', now: at(1) })).toEqual({ id: 'orders', version: 1, changed: true, replaced: true });
    expect(versions()).toEqual([[1, 'created']]);
    expect(store.flows.get('orders')?.version).toBe(1);
    // The next change is version 2 again.
    expect(store.flows.save(doc('again'), undefined, { session: 'w', now: at(2) }).version).toBe(2);
  });
});
