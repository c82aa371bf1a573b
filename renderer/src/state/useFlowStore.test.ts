import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../core/api/flow-document';
import { addNode, moveNodes, updateNode } from '../lib/flowOps';
import { useFlowStore } from './useFlowStore';

const doc: FlowDocument = {
  schemaVersion: 1,
  id: 'f',
  name: 'Flow',
  settings: {},
  nodes: [{ id: 'a', type: 'core.source.sample', typeVersion: 1, position: { x: 0, y: 0 }, config: { records: [] } }],
  edges: [],
};
const store = () => useFlowStore.getState();

beforeEach(() => store().load(doc, 1));

describe('the flow document store', () => {
  it('undoes and redoes document changes one at a time', () => {
    store().apply((d) => addNode(d, { id: 'b', type: 'core.transform.map', typeVersion: 1, position: { x: 300, y: 0 }, config: {} }));
    store().apply((d) => ({ ...d, name: 'Renamed' }));
    expect(store().doc?.nodes).toHaveLength(2);
    store().undo();
    expect(store().doc?.name).toBe('Flow');
    store().undo();
    expect(store().doc?.nodes).toHaveLength(1);
    expect(store().saveState).toBe('saved');
    store().redo();
    store().redo();
    expect(store().doc?.name).toBe('Renamed');
    expect(store().saveState).toBe('unsaved');
  });

  it('records a whole drag as one step', () => {
    store().beginGesture();
    for (let x = 1; x <= 30; x++) store().apply((d) => moveNodes(d, new Map([['a', { x, y: x }]])), { transient: true });
    store().endGesture();
    expect(store().past).toHaveLength(1);
    store().undo();
    expect(store().doc?.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('makes one step of a burst of typing in one field, and a new one for another field', () => {
    for (const name of ['O', 'Or', 'Ord', 'Orders']) store().apply((d) => ({ ...d, name }), { merge: 'name' });
    store().apply((d) => updateNode(d, 'a', { label: 'Shop' }), { merge: 'label:a' });
    expect(store().past).toHaveLength(2);
    store().undo();
    store().undo();
    expect(store().doc?.name).toBe('Flow');
  });

  it('keeps a node’s problem list when a new check finds the same problems (so its card does not redraw)', () => {
    const problems = [{ node: 'a', path: 'config.records', message: 'Node "a": records is required' }];
    store().setCheck({ problems, summaries: {} }, doc);
    const first = store().problemsByNode.a;
    store().setCheck({ problems: problems.map((p) => ({ ...p })), summaries: {} }, doc);
    expect(store().problemsByNode.a).toBe(first);
  });
});
