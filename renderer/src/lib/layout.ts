/** Auto-layout: dagre, left to right, so a flow reads like a sentence. */
import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '../../../core/api/flow-document';

export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 96;

export function layoutPositions(doc: FlowDocument, sizes: ReadonlyMap<string, { width: number; height: number }> = new Map()): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) {
    const s = sizes.get(n.id);
    g.setNode(n.id, { width: s?.width ?? NODE_WIDTH, height: s?.height ?? NODE_HEIGHT });
  }
  for (const e of doc.edges) if (g.hasNode(e.from.node) && g.hasNode(e.to.node)) g.setEdge(e.from.node, e.to.node);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const n of doc.nodes) {
    const p = g.node(n.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (p) out.set(n.id, { x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2) });
  }
  return out;
}
