/**
 * Changes to a flow document as pure functions: each returns a new document and leaves the old one
 * untouched, which is what makes undo/redo a list of snapshots sharing all unchanged parts.
 */
import type { FlowDocument, FlowEdge, FlowNode } from '../../../core/api/flow-document';
import { edgeKey } from './graph';

export interface Clip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'node';

/** A readable, unique id for a new node: "map-fields", "map-fields-2", … */
export function newNodeId(doc: FlowDocument, title: string, taken: ReadonlySet<string> = new Set()): string {
  const base = slug(title);
  const used = new Set([...doc.nodes.map((n) => n.id), ...taken]);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function addNode(doc: FlowDocument, node: FlowNode): FlowDocument {
  return { ...doc, nodes: [...doc.nodes, node] };
}

export function removeNodes(doc: FlowDocument, ids: ReadonlySet<string>): FlowDocument {
  if (!ids.size) return doc;
  return { ...doc, nodes: doc.nodes.filter((n) => !ids.has(n.id)), edges: doc.edges.filter((e) => !ids.has(e.from.node) && !ids.has(e.to.node)) };
}

export function removeEdges(doc: FlowDocument, keys: ReadonlySet<string>): FlowDocument {
  if (!keys.size) return doc;
  return { ...doc, edges: doc.edges.filter((e) => !keys.has(edgeKey(e))) };
}

export function addEdge(doc: FlowDocument, edge: Pick<FlowEdge, 'from' | 'to'>): FlowDocument {
  if (doc.edges.some((e) => edgeKey(e) === edgeKey(edge))) return doc;
  return { ...doc, edges: [...doc.edges, { from: { ...edge.from }, to: { ...edge.to } }] };
}

/** Moves nodes; unchanged nodes keep their identity so the canvas redraws only what moved. */
export function moveNodes(doc: FlowDocument, positions: ReadonlyMap<string, { x: number; y: number }>): FlowDocument {
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...doc, nodes } : doc;
}

export function updateNode(doc: FlowDocument, id: string, patch: Partial<Pick<FlowNode, 'config' | 'label'>>): FlowDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, ...patch } : n)) };
}

/** Copies the selected nodes and the edges between them. */
export function copyNodes(doc: FlowDocument, ids: ReadonlySet<string>): Clip {
  return {
    nodes: doc.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
    edges: doc.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node)).map((e) => structuredClone(e)),
  };
}

/** Pastes a clip with fresh ids, shifted so the copy does not hide the original. */
export function pasteClip(doc: FlowDocument, clip: Clip, offset: { x: number; y: number }): { doc: FlowDocument; ids: string[] } {
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of clip.nodes) {
    const id = newNodeId(doc, n.id.replace(/-\d+$/, ''), taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = clip.nodes.map((n) => ({ ...structuredClone(n), id: rename.get(n.id) as string, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } }));
  const edges = clip.edges.map(({ id: _id, ...e }) => ({ from: { node: rename.get(e.from.node) as string, port: e.from.port }, to: { node: rename.get(e.to.node) as string, port: e.to.port } }));
  return { doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}

/** Whether two documents differ in more than node positions (what the checker cares about). */
export function sameContent(a: FlowDocument, b: FlowDocument): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges !== b.edges || a.settings !== b.settings || a.name !== b.name) return false;
  return a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return !!m && (n === m || (n.id === m.id && n.type === m.type && n.config === m.config && n.label === m.label && n.enabled === m.enabled && n.pinned === m.pinned));
  });
}
