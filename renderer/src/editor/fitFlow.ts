/**
 * Puts the flow in view at a readable size. The whole flow when it can be read whole (cards are
 * drawn simplified, with large titles, down to READABLE_ZOOM); else its main path; else the start
 * of the main path at a readable size — never a flow shrunk to dots or cut in half at random.
 * The zoom controls (bottom left) keep their corner free.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { FIT_INSETS } from '../lib/layout';
import type { CanvasNode, CountEdgeType } from './canvasTypes';

/** Below this zoom even a simplified card's title would be smaller than 11 px on screen. */
export const READABLE_ZOOM = 0.45;

type Flow = ReactFlowInstance<CanvasNode, CountEdgeType>;
type Box = { x: number; y: number; width: number; height: number };

function area(el: HTMLElement) {
  const i = FIT_INSETS;
  return { left: i.left, top: i.top, width: el.clientWidth - i.left - i.right, height: el.clientHeight - i.top - i.bottom };
}

function zoomFor(b: Box, el: HTMLElement): number {
  const a = area(el);
  return Math.min(a.width / Math.max(b.width, 1), a.height / Math.max(b.height, 1), 1);
}

function boundsOf(rf: Flow, ids?: readonly string[]): Box | null {
  const want = ids ? new Set(ids) : null;
  const nodes = rf.getNodes().filter((n) => !want || want.has(n.id));
  return nodes.length ? rf.getNodesBounds(nodes) : null;
}

/** `mainPath`: the ids of the flow's main path (graph.ts), fitted when the whole is too big. */
export function fitFlow(rf: Flow, el: HTMLElement | null, duration = 0, mainPath: readonly string[] = []): void {
  if (!el) return;
  const all = boundsOf(rf);
  if (!all) return;
  const a = area(el);
  const center = (b: Box, zoom: number) => ({ x: a.left + (a.width - b.width * zoom) / 2 - b.x * zoom, y: a.top + (a.height - b.height * zoom) / 2 - b.y * zoom, zoom });
  let zoom = zoomFor(all, el);
  if (zoom >= READABLE_ZOOM) {
    void rf.setViewport(center(all, zoom), { duration });
    return;
  }
  const main = (mainPath.length && boundsOf(rf, mainPath)) || all;
  zoom = zoomFor(main, el);
  if (zoom >= READABLE_ZOOM) {
    void rf.setViewport(center(main, zoom), { duration });
    return;
  }
  // Too long to read whole: its start (where the sources are), at a readable size.
  zoom = READABLE_ZOOM;
  const fitsHigh = main.height * zoom <= a.height;
  void rf.setViewport({ x: a.left - main.x * zoom, y: fitsHigh ? a.top + (a.height - main.height * zoom) / 2 - main.y * zoom : a.top - main.y * zoom, zoom }, { duration });
}

/** True when the whole flow can be shown at a readable size (then re-fitting loses nothing). */
export function fitsInView(rf: Flow, el: HTMLElement | null): boolean {
  const all = el && boundsOf(rf);
  return !!all && !!el && zoomFor(all, el) >= READABLE_ZOOM;
}

/**
 * Pans, at the same zoom, just enough for these steps to be in view: a step added where there was
 * no room beside the drop (below a folded line, say) would otherwise land out of sight. False while
 * they are not drawn yet (not on the canvas, or not measured): try again on a later frame.
 */
export function revealNodes(rf: Flow, el: HTMLElement | null, ids: readonly string[], duration = 200): boolean {
  const want = new Set(ids);
  const drawn = rf.getNodes().filter((n) => want.has(n.id) && n.measured?.width && n.measured.height);
  if (!el || drawn.length < want.size) return false;
  const b = rf.getNodesBounds(drawn);
  const a = area(el);
  const { x, y, zoom } = rf.getViewport();
  const [left, top] = [b.x * zoom + x, b.y * zoom + y];
  const [right, bottom] = [left + b.width * zoom, top + b.height * zoom];
  const shift = (low: number, high: number, from: number, to: number) => (low < from ? from - low : high > to ? Math.max(to - high, from - low) : 0);
  const dx = shift(left, right, a.left, a.left + a.width);
  const dy = shift(top, bottom, a.top, a.top + a.height);
  if (dx || dy) void rf.setViewport({ x: x + dx, y: y + dy, zoom }, { duration });
  return true;
}
