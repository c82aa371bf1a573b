/**
 * Puts the flow in view at a readable size: small flows are centred and never zoomed past 100 %;
 * flows too wide to read whole start at their left end (where the sources are), not shrunk to dots.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { CardNode, CountEdgeType } from './canvasTypes';

const PAD = 40;

export function fitFlow(rf: ReactFlowInstance<CardNode, CountEdgeType>, el: HTMLElement | null, duration = 0): void {
  const nodes = rf.getNodes();
  if (!nodes.length || !el) return;
  const b = rf.getNodesBounds(nodes);
  const w = el.clientWidth;
  const h = el.clientHeight;
  const readable = nodes.length <= 30 ? 0.5 : 0.15;
  const zoom = Math.max(readable, Math.min((w - 2 * PAD) / Math.max(b.width, 1), (h - 2 * PAD) / Math.max(b.height, 1), 1));
  const x = b.width * zoom <= w - 2 * PAD ? (w - b.width * zoom) / 2 - b.x * zoom : PAD - b.x * zoom;
  const y = b.height * zoom <= h - 2 * PAD ? (h - b.height * zoom) / 2 - b.y * zoom : PAD - b.y * zoom;
  void rf.setViewport({ x, y, zoom }, { duration });
}
