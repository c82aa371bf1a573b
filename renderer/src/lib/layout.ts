/**
 * Auto-layout: dagre, left to right, so a flow reads like a sentence — its main path on one line,
 * branches (a skip, a failure, a second source) beside it. A flow too long to read in the canvas is
 * folded into rows like a paragraph: the ranks are cut into lines of equal length, each line under
 * the previous one, picked so the whole flow fits the canvas at the largest zoom.
 */
import dagre from '@dagrejs/dagre';
import type { FlowDocument } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { mainPath } from './graph';

export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 96;
/** Between two cards of one rank (above each other), and between ranks (side by side). */
const NODE_SEP = 32;
/**
 * The room a card takes in the layout, whatever its drawn height: zoomed out, its simplified form
 * (a larger title over two or three lines, canvasDetail.ts) grows down into this room.
 */
export const MIN_ROOM = 100;
const RANK_SEP = 64;
/** Between two folded lines: room for the edge that runs back to the start of the next line. */
const ROW_GAP = 72;
/** A zoom at which a folded flow reads comfortably (simplified cards, titles 12 px). */
const GOOD_ZOOM = 0.7;
/** The margins the canvas keeps when it fits a flow in view (fitFlow.ts): the zoom controls' corner on the left. */
export const FIT_INSETS = { left: 52, right: 24, top: 24, bottom: 24 };

type Size = { width: number; height: number };
type Point = { x: number; y: number };

export interface LayoutOptions {
  /** Measured card sizes; others are estimated from their ports. */
  sizes?: ReadonlyMap<string, Size>;
  /** The node types, to tell the main path (each step's first output) from branches. */
  types?: ReadonlyMap<string, NodeTypeDescriptor>;
  /** The canvas the flow should fit: a flow longer than it is wide is folded into lines. */
  viewport?: Size;
}

/**
 * A card's size before it was drawn: its head (a title of more than about 22 characters takes a
 * second line), plus a row per port where there are several.
 */
export function estimatedSize(ports: { inputs: number; outputs: number }, title = ''): Size {
  const rows = Math.max(ports.inputs > 1 ? ports.inputs : 0, ports.outputs > 1 ? ports.outputs : 0);
  const titleLines = Math.max(1, Math.ceil(title.length / 22));
  return { width: NODE_WIDTH, height: 60 + (titleLines - 1) * 17.5 + Math.round(rows * 23.5) };
}

export function layoutPositions(doc: FlowDocument, opts: LayoutOptions = {}): Map<string, Point> {
  const types = opts.types ?? new Map<string, NodeTypeDescriptor>();
  const size = (n: FlowDocument['nodes'][number]): Size => {
    const measured = opts.sizes?.get(n.id);
    if (measured) return measured;
    const d = types.get(n.type);
    return d ? estimatedSize({ inputs: d.inputs.length, outputs: d.outputs.length }, n.label || d.title) : { width: NODE_WIDTH, height: NODE_HEIGHT };
  };
  const sizes = new Map(doc.nodes.map((n) => [n.id, size(n)]));
  const ranks = ranksOf(doc, sizes);
  const lanes = lanesOf(doc, types, ranks);
  const rankCount = Math.max(0, ...ranks.values()) + 1;
  const colWidth = Array.from({ length: rankCount }, (_, r) => Math.max(NODE_WIDTH, ...doc.nodes.filter((n) => ranks.get(n.id) === r).map((n) => sizes.get(n.id)?.width ?? NODE_WIDTH)));
  const pitch = Math.max(MIN_ROOM, ...[...sizes.values()].map((s) => s.height)) + NODE_SEP;
  const lines = (perLine: number) => foldedLines(doc, ranks, lanes, rankCount, perLine, colWidth, pitch);
  const perLine = opts.viewport ? bestLineLength(rankCount, lines, opts.viewport) : rankCount;

  const out = new Map<string, Point>();
  let top = 0;
  for (const line of lines(perLine)) {
    for (const id of line.ids) {
      const r = ranks.get(id) ?? 0;
      let left = 0;
      for (let c = line.first; c < r; c++) left += (colWidth[c] ?? NODE_WIDTH) + RANK_SEP;
      const w = sizes.get(id)?.width ?? NODE_WIDTH;
      out.set(id, { x: Math.round(left + ((colWidth[r] ?? NODE_WIDTH) - w) / 2), y: Math.round(top + ((lanes.get(id) ?? 0) - line.minLane) * pitch) });
    }
    top += line.height + ROW_GAP;
  }
  return out;
}

/** The column of each step: dagre's ranks (a step after everything that feeds it, a source just before what it feeds). */
function ranksOf(doc: FlowDocument, sizes: ReadonlyMap<string, Size>): Map<string, number> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...(sizes.get(n.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT }) });
  for (const e of doc.edges) if (g.hasNode(e.from.node) && g.hasNode(e.to.node)) g.setEdge(e.from.node, e.to.node);
  dagre.layout(g);
  const xs = doc.nodes.map((n) => Math.round((g.node(n.id) as { x: number }).x));
  const columns = [...new Set(xs)].sort((a, b) => a - b);
  return new Map(doc.nodes.map((n, i) => [n.id, columns.indexOf(xs[i] as number)]));
}

/**
 * The line (lane) of each step: the main path on lane 0; every other step as close as it can to
 * the step it hangs on, below first (a skip, a failure) then above, where its column is free. A
 * part of the flow not connected to the rest starts on a lane of its own below.
 */
function lanesOf(doc: FlowDocument, types: ReadonlyMap<string, NodeTypeDescriptor>, ranks: ReadonlyMap<string, number>): Map<string, number> {
  const lanes = new Map<string, number>();
  const taken = new Set<string>();
  const place = (id: string, lane: number) => {
    lanes.set(id, lane);
    taken.add(`${ranks.get(id)}:${lane}`);
  };
  const free = (id: string, near: number) => {
    for (let d = 0; ; d++) {
      for (const lane of d === 0 ? [near] : [near + d, near - d]) if (!taken.has(`${ranks.get(id)}:${lane}`)) return lane;
    }
  };
  const neighbours = (id: string) => [...doc.edges.filter((e) => e.to.node === id).map((e) => e.from.node), ...doc.edges.filter((e) => e.from.node === id).map((e) => e.to.node)];
  const byRank = (a: string, b: string) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0);
  let rest = doc.nodes.map((n) => n.id);
  let base = 0;
  while (rest.length) {
    const part = { ...doc, nodes: doc.nodes.filter((n) => rest.includes(n.id)), edges: doc.edges.filter((e) => rest.includes(e.from.node) && rest.includes(e.to.node)) };
    const path = mainPath(part, types);
    for (const id of path) place(id, base);
    const queue = [...path];
    while (queue.length) {
      const id = queue.shift() as string;
      for (const next of neighbours(id).filter((x) => !lanes.has(x)).sort(byRank)) {
        place(next, free(next, lanes.get(id) ?? base));
        queue.push(next);
      }
    }
    rest = rest.filter((id) => !lanes.has(id));
    base = Math.max(...lanes.values()) + 1;
  }
  return lanes;
}

interface Line {
  first: number;
  ids: string[];
  minLane: number;
  height: number;
}

/** The flow cut into lines of `perLine` ranks each. */
function foldedLines(doc: FlowDocument, ranks: ReadonlyMap<string, number>, lanes: ReadonlyMap<string, number>, rankCount: number, perLine: number, colWidth: number[], pitch: number): Array<Line & { width: number }> {
  const out: Array<Line & { width: number }> = [];
  for (let first = 0; first < rankCount; first += perLine) {
    const ids = doc.nodes.map((n) => n.id).filter((id) => {
      const r = ranks.get(id) ?? 0;
      return r >= first && r < first + perLine;
    });
    if (!ids.length) continue;
    const ls = ids.map((id) => lanes.get(id) ?? 0);
    let width = 0;
    for (let c = first; c < Math.min(rankCount, first + perLine); c++) width += (colWidth[c] ?? NODE_WIDTH) + (c > first ? RANK_SEP : 0);
    out.push({ first, ids, minLane: Math.min(...ls), height: (Math.max(...ls) - Math.min(...ls)) * pitch + pitch - NODE_SEP, width });
  }
  return out;
}

/**
 * How many ranks a line holds: the longest lines at which the whole flow still fits the viewport at
 * GOOD_ZOOM (its simplified cards comfortably readable); when no folding gets there, the one that
 * shows it largest (fewer folds winning a near tie). Long lines read better than many short ones.
 */
function bestLineLength(rankCount: number, lines: (perLine: number) => Array<Line & { width: number }>, viewport: Size): number {
  let best = { perLine: rankCount, zoom: 0 };
  for (let perLine = rankCount; perLine >= 1; perLine--) {
    const ls = lines(perLine);
    const width = Math.max(...ls.map((l) => l.width));
    const height = ls.reduce((h, l) => h + l.height, 0) + ROW_GAP * (ls.length - 1);
    const zoom = Math.min((viewport.width - FIT_INSETS.left - FIT_INSETS.right) / width, (viewport.height - FIT_INSETS.top - FIT_INSETS.bottom) / height, 1);
    if (zoom >= GOOD_ZOOM) return perLine;
    if (zoom > best.zoom * 1.08) best = { perLine, zoom };
  }
  return best.perLine;
}
