/**
 * The rules for drawing a connection, with the reason when one is refused, and walks over the
 * flow's edges. Handles carry their direction in their id ("in:found" / "out:found") because the
 * canvas lets a drag start from either end and must say why output→output makes no sense.
 */
import type { FlowDocument, FlowEdge } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';

export type HandleDir = 'in' | 'out';

export const handleId = (dir: HandleDir, port: string): string => `${dir}:${port}`;

export function parseHandle(id: string | null | undefined): { dir: HandleDir; port: string } | null {
  if (!id) return null;
  const m = /^(in|out):(.+)$/.exec(id);
  return m ? { dir: m[1] as HandleDir, port: m[2] as string } : null;
}

export const edgeKey = (e: Pick<FlowEdge, 'from' | 'to'>): string => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`;

export interface ConnectionAttempt {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export type ConnectionCheck = { ok: true; edge: Pick<FlowEdge, 'from' | 'to'> } | { ok: false; reason: string };

/** Can this connection be drawn? If not, why not — in words for the person dragging it. */
export function checkConnection(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>, c: ConnectionAttempt): ConnectionCheck {
  const a = parseHandle(c.sourceHandle);
  const b = parseHandle(c.targetHandle);
  if (!a || !b) return { ok: false, reason: 'Drop the connection on a port (the small circles on the sides of a node).' };
  if (a.dir === 'out' && b.dir === 'out') return { ok: false, reason: 'Both ends are outputs. Connect an output (right side) to an input (left side).' };
  if (a.dir === 'in' && b.dir === 'in') return { ok: false, reason: 'Both ends are inputs. Connect an output (right side) to an input (left side).' };
  // Normalise so that "from" is the output end, whichever end the drag started at.
  const [fromNode, fromPort, toNode, toPort] = a.dir === 'out' ? [c.source, a.port, c.target, b.port] : [c.target, b.port, c.source, a.port];
  if (fromNode === toNode) return { ok: false, reason: 'A node cannot feed itself: records must move on to the next step.' };
  const target = doc.nodes.find((n) => n.id === toNode);
  const targetType = target ? types.get(target.type) : undefined;
  if (targetType?.kind === 'source') return { ok: false, reason: `“${target?.label ?? targetType.title}” is a source: it reads from its app and takes no input.` };
  const edge = { from: { node: fromNode, port: fromPort }, to: { node: toNode, port: toPort } };
  if (doc.edges.some((e) => edgeKey(e) === edgeKey(edge))) return { ok: false, reason: 'These two ports are already connected.' };
  if (reaches(doc, toNode, fromNode)) return { ok: false, reason: 'That would make a loop. Records flow one way, from left to right.' };
  return { ok: true, edge };
}

/** Is there a path of edges from one node to another? */
export function reaches(doc: FlowDocument, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of doc.edges) next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/** The chain of nodes feeding a node, nearest last, following the first incoming edge each time. */
export function upstreamChain(doc: FlowDocument, nodeId: string): Array<{ node: string; port: string }> {
  const chain: Array<{ node: string; port: string }> = [];
  const seen = new Set<string>([nodeId]);
  let current = nodeId;
  for (;;) {
    const edge = doc.edges.find((e) => e.to.node === current);
    if (!edge || seen.has(edge.from.node)) break;
    chain.unshift({ node: edge.from.node, port: edge.from.port });
    seen.add(edge.from.node);
    current = edge.from.node;
  }
  return chain;
}

/** Node ids in flow order (every node after those feeding it), for plans and tables. */
export function flowOrder(doc: FlowDocument): string[] {
  const indeg = new Map<string, number>(doc.nodes.map((n) => [n.id, 0]));
  for (const e of doc.edges) indeg.set(e.to.node, (indeg.get(e.to.node) ?? 0) + 1);
  const byX = [...doc.nodes].sort((p, q) => p.position.x - q.position.x || p.position.y - q.position.y);
  const queue = byX.filter((n) => (indeg.get(n.id) ?? 0) === 0).map((n) => n.id);
  const out: string[] = [];
  while (queue.length) {
    const id = queue.shift() as string;
    out.push(id);
    for (const e of doc.edges) {
      if (e.from.node !== id) continue;
      const d = (indeg.get(e.to.node) ?? 0) - 1;
      indeg.set(e.to.node, d);
      if (d === 0) queue.push(e.to.node);
    }
  }
  for (const n of byX) if (!out.includes(n.id)) out.push(n.id);
  return out;
}

/**
 * The flow's main path: the longest chain from a source to an end, preferring each step's first
 * output (pass, found, out) and sources that are switched on. What a flow is "about"; the canvas
 * opens fitted to it and the layout draws it on one line.
 */
export function mainPath(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>): string[] {
  const order = flowOrder(doc);
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  const best = new Map<string, { score: number; prev: string | null }>();
  for (const id of order) {
    const n = nodes.get(id);
    const incoming = doc.edges.filter((e) => e.to.node === id && best.has(e.from.node));
    if (!incoming.length) {
      best.set(id, { score: n?.enabled === false ? 0.5 : 1, prev: null });
      continue;
    }
    let pick = { score: -Infinity, prev: null as string | null };
    for (const e of incoming) {
      const from = nodes.get(e.from.node);
      const first = from ? types.get(from.type)?.outputs[0]?.name === e.from.port : false;
      const score = (best.get(e.from.node)?.score ?? 0) + 1 + (first ? 0.01 : 0);
      if (score > pick.score) pick = { score, prev: e.from.node };
    }
    best.set(id, pick);
  }
  let end: string | null = null;
  let top = -Infinity;
  for (const id of order) {
    const s = best.get(id)?.score ?? 0;
    if (s > top) [top, end] = [s, id];
  }
  const path: string[] = [];
  for (let id = end; id !== null; id = best.get(id)?.prev ?? null) path.unshift(id);
  return path;
}

/** A step's name as the user knows it: its label, else its type's title, else its id. */
export function stepTitle(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return (n && (n.label || types.get(n.type)?.title)) || id;
}

/** A connection in words: "From “Already in Teamleader?” (missing) to “Customer has an email?”". */
export function edgeWords(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>, e: Pick<FlowEdge, 'from' | 'to'>): string {
  const fromNode = doc.nodes.find((n) => n.id === e.from.node);
  const outputs = fromNode ? (types.get(fromNode.type)?.outputs ?? []) : [];
  const port = outputs.length > 1 ? ` (${outputs.find((p) => p.name === e.from.port)?.label ?? e.from.port})` : '';
  return `From “${stepTitle(doc, types, e.from.node)}”${port} to “${stepTitle(doc, types, e.to.node)}”`;
}

/**
 * Warnings about connections that are allowed but likely wrong (issue 11): two paths into an input
 * that does not say it takes several, and — anywhere — two paths that carry the same records, so
 * each would arrive twice (a step sends its records to two steps and both ways lead here).
 */
export function connectionWarnings(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const incoming = new Map<string, number[]>();
  doc.edges.forEach((e, i) => incoming.set(e.to.node, [...(incoming.get(e.to.node) ?? []), i]));
  // Every edge on some path into a node (memoised; a loop is cut where it closes).
  const above = new Map<string, Set<number>>();
  const upstreamOf = (node: string, seen = new Set<string>()): Set<number> => {
    const known = above.get(node);
    if (known) return known;
    const set = new Set<number>();
    if (seen.has(node)) return set;
    seen.add(node);
    for (const i of incoming.get(node) ?? []) {
      set.add(i);
      for (const j of upstreamOf((doc.edges[i] as FlowEdge).from.node, seen)) set.add(j);
    }
    above.set(node, set);
    return set;
  };
  const pathOf = (i: number) => new Set([i, ...upstreamOf((doc.edges[i] as FlowEdge).from.node)]);
  const fanOut = new Map<string, number[]>();
  doc.edges.forEach((e, i) => fanOut.set(`${e.from.node}\u0000${e.from.port}`, [...(fanOut.get(`${e.from.node}\u0000${e.from.port}`) ?? []), i]));
  const splits = [...fanOut.values()].filter((list) => list.length > 1);

  for (const n of doc.nodes) {
    const desc = types.get(n.type);
    for (const port of desc?.inputs ?? []) {
      const edges = (incoming.get(n.id) ?? []).filter((i) => doc.edges[i]?.to.port === port.name);
      if (edges.length < 2) continue;
      const here = stepTitle(doc, types, n.id);
      const list: string[] = [];
      if (!port.multiple) list.push(`“${here}” takes its records from one step, but ${edges.length} are connected to it: ${edges.map((i) => `“${stepTitle(doc, types, (doc.edges[i] as FlowEdge).from.node)}”`).join(', ')}.`);
      const paths = edges.map(pathOf);
      const twice = splits.find((branches) => paths.some((p, a) => paths.some((q, b) => a !== b && branches.some((x) => p.has(x) && branches.some((y) => y !== x && q.has(y))))));
      if (twice) {
        const from = (doc.edges[twice[0] as number] as FlowEdge).from.node;
        list.push(`Each record of “${stepTitle(doc, types, from)}” reaches “${here}” twice: it goes to ${twice.length} steps and their paths meet here.`);
      }
      if (list.length) out[n.id] = [...(out[n.id] ?? []), ...list];
    }
  }
  return out;
}

/**
 * A step put on a connection (dropped on it): old source → new step → old target, through the new
 * step's first input and first output. Null when the step cannot sit there (no input or output).
 */
export function spliceIntoEdge(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>, key: string, nodeId: string): FlowDocument | null {
  const edge = doc.edges.find((e) => edgeKey(e) === key);
  const node = doc.nodes.find((n) => n.id === nodeId);
  const desc = node ? types.get(node.type) : undefined;
  const input = desc?.inputs[0];
  const output = desc?.outputs[0];
  if (!edge || !input || !output || edge.from.node === nodeId || edge.to.node === nodeId) return null;
  const rest = { ...doc, edges: doc.edges.filter((e) => e !== edge) };
  const a = checkConnection(rest, types, { source: edge.from.node, sourceHandle: handleId('out', edge.from.port), target: nodeId, targetHandle: handleId('in', input.name) });
  if (!a.ok) return null;
  const withA = { ...rest, edges: [...rest.edges, { from: { ...a.edge.from }, to: { ...a.edge.to } }] };
  const b = checkConnection(withA, types, { source: nodeId, sourceHandle: handleId('out', output.name), target: edge.to.node, targetHandle: handleId('in', edge.to.port) });
  if (!b.ok) return null;
  return { ...withA, edges: [...withA.edges, { from: { ...b.edge.from }, to: { ...b.edge.to } }] };
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * Where a new card of this size can go near `want` without covering another: the spot itself, else
 * the nearest free one in the same column, below first.
 */
export function freeSpot(boxes: readonly Box[], want: { x: number; y: number }, size: { width: number; height: number }, gap = 24): { x: number; y: number } {
  const hits = (y: number) => boxes.some((b) => want.x < b.x + b.width + gap && b.x < want.x + size.width + gap && y < b.y + b.height + gap && b.y < y + size.height + gap);
  const step = size.height + gap;
  for (let k = 0; k < 200; k++) {
    for (const y of k === 0 ? [want.y] : [want.y + k * step, want.y - k * step]) if (!hits(y)) return { x: want.x, y };
  }
  return want;
}
