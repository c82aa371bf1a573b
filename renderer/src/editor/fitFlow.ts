/**
 * Puts the flow in view at a readable size: small flows are centred and never zoomed past 100 %;
 * flows too wide to read whole start at their left end (where the sources are), not shrunk to dots.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { CardNode, CountEdgeType } from './canvasTypes';

const PAD = 40;

type Flow = ReactFlowInstance<CardNode, CountEdgeType>;

function fitted(rf: Flow, el: HTMLElement) {
  const nodes = rf.getNodes();
  const b = rf.getNodesBounds(nodes);
  const w = el.clientWidth;
  const h = el.clientHeight;
  const readable = nodes.length <= 30 ? 0.5 : 0.15;
  const zoom = Math.max(readable, Math.min((w - 2 * PAD) / Math.max(b.width, 1), (h - 2 * PAD) / Math.max(b.height, 1), 1));
  const fitsWide = b.width * zoom <= w - 2 * PAD;
  const fitsHigh = b.height * zoom <= h - 2 * PAD;
  return { b, w, h, zoom, fitsWide, fitsHigh };
}

export function fitFlow(rf: Flow, el: HTMLElement | null, duration = 0): void {
  if (!rf.getNodes().length || !el) return;
  const { b, w, h, zoom, fitsWide, fitsHigh } = fitted(rf, el);
  const x = fitsWide ? (w - b.width * zoom) / 2 - b.x * zoom : PAD - b.x * zoom;
  const y = fitsHigh ? (h - b.height * zoom) / 2 - b.y * zoom : PAD - b.y * zoom;
  void rf.setViewport({ x, y, zoom }, { duration });
}

/** True when the whole flow can be shown at a readable size (then re-fitting loses nothing). */
export function fitsInView(rf: Flow, el: HTMLElement | null): boolean {
  if (!rf.getNodes().length || !el) return false;
  const { fitsWide, fitsHigh } = fitted(rf, el);
  return fitsWide && fitsHigh;
}
