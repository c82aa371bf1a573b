import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { mainPath } from './graph';
import { estimatedSize, layoutPositions, NODE_WIDTH } from './layout';

const type = (t: string, kind: NodeTypeDescriptor['kind'], outputs = ['out']): NodeTypeDescriptor => ({ type: t, version: 1, kind, app: 'core', title: t, description: '', inputs: kind === 'source' ? [] : [{ name: 'in' }], outputs: outputs.map((name) => ({ name })), configSchema: {} });
const types = new Map([
  ['src', type('src', 'source')],
  ['map', type('map', 'transform')],
  ['filter', type('filter', 'transform', ['pass', 'reject'])],
  ['skip', type('skip', 'transform', [])],
  ['target', type('target', 'target')],
]);
const node = (id: string, t: string, enabled?: boolean) => ({ id, type: t, typeVersion: 1, position: { x: 0, y: 0 }, config: {}, ...(enabled === false ? { enabled } : {}) });
const edge = (from: string, to: string, port = 'out') => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/** A source, a second source that is off, a filter whose rejects are skipped, then a chain of n maps and a target. */
function chain(n: number): FlowDocument {
  const maps = Array.from({ length: n }, (_, i) => node(`m${i}`, 'map'));
  return {
    schemaVersion: 1,
    id: 'f',
    name: 'f',
    settings: {},
    nodes: [node('off-source', 'src', false), node('source', 'src'), node('which', 'filter'), node('left-out', 'skip'), ...maps, node('target', 'target')],
    edges: [edge('off-source', 'which'), edge('source', 'which'), edge('which', 'left-out', 'reject'), edge('which', 'm0', 'pass'), ...maps.slice(1).map((m, i) => edge(`m${i}`, m.id)), edge(`m${n - 1}`, 'target')],
  };
}

function overlaps(doc: FlowDocument, at: Map<string, { x: number; y: number }>): string[] {
  const box = (id: string) => {
    const p = at.get(id) ?? { x: 0, y: 0 };
    const s = estimatedSize({ inputs: 1, outputs: 2 });
    return { l: p.x, r: p.x + s.width, t: p.y, b: p.y + s.height };
  };
  const found: string[] = [];
  for (const a of doc.nodes) for (const b of doc.nodes) {
    if (a.id >= b.id) continue;
    const p = box(a.id);
    const q = box(b.id);
    if (p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b) found.push(`${a.id} / ${b.id}`);
  }
  return found;
}

describe('the main path', () => {
  it('runs from a source that is on, through first outputs, to the end of the longest chain', () => {
    expect(mainPath(chain(3), types)).toEqual(['source', 'which', 'm0', 'm1', 'm2', 'target']);
  });
});

describe('tidying up a flow', () => {
  it('draws the main path on one line, left to right, with branches beside it', () => {
    const doc = chain(3);
    const at = layoutPositions(doc, { types });
    const main = mainPath(doc, types).map((id) => at.get(id));
    expect(new Set(main.map((p) => p?.y)).size).toBe(1);
    expect(main.map((p) => p?.x)).toEqual([...main.map((p) => p?.x ?? 0)].sort((a, b) => a - b));
    // The skipped branch hangs beside the step after the filter, the second source beside the first.
    expect(at.get('left-out')?.x).toBe(at.get('m0')?.x);
    expect(at.get('left-out')?.y).not.toBe(at.get('m0')?.y);
    expect(at.get('off-source')?.x).toBe(at.get('source')?.x);
    expect(overlaps(doc, at)).toEqual([]);
  });

  it('folds a flow too long for the canvas into lines, like a paragraph, so it fits larger', () => {
    const doc = chain(12);
    const viewport = { width: 668, height: 705 };
    const flat = layoutPositions(doc, { types });
    const folded = layoutPositions(doc, { types, viewport });
    const extent = (at: Map<string, { x: number; y: number }>) => ({ w: Math.max(...[...at.values()].map((p) => p.x)) + NODE_WIDTH, h: Math.max(...[...at.values()].map((p) => p.y)) + 100 });
    const zoom = (e: { w: number; h: number }) => Math.min((viewport.width - 76) / e.w, (viewport.height - 48) / e.h);
    expect(zoom(extent(folded))).toBeGreaterThan(zoom(extent(flat)) * 2);
    // Every line reads left to right: a step is right of the one feeding it, or starts a new line below it.
    for (const e of doc.edges) {
      const from = folded.get(e.from.node);
      const to = folded.get(e.to.node);
      if (!from || !to) throw new Error('a step was not placed');
      expect(to.x > from.x || to.y > from.y).toBe(true);
    }
    expect(overlaps(doc, folded)).toEqual([]);
  });

  it('keeps a short flow on one line', () => {
    const doc = chain(1);
    const at = layoutPositions(doc, { types, viewport: { width: 1200, height: 700 } });
    expect(new Set(mainPath(doc, types).map((id) => at.get(id)?.y)).size).toBe(1);
  });
});
