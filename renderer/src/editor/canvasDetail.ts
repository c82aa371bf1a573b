/**
 * How much a card shows at a zoom. From DETAIL_ZOOM up: everything (title, summary, ports, problem,
 * counts), legible at their own size. Below it: a simplified card — icon, title and counts as
 * badges — whose title is drawn TITLE_PX tall on screen whatever the zoom, so it stays readable;
 * below READABLE_ZOOM it shrinks with the canvas, and far out a card is only its colour.
 */
import { createContext, type CSSProperties } from 'react';
import type { ReactFlowState } from '@xyflow/react';
import { READABLE_ZOOM } from './fitFlow';

/** The full card's title is 14 px: at 0.8 it is 11.2 px on screen. */
export const DETAIL_ZOOM = 0.8;
const FAR_ZOOM = 0.28;
/** The simplified card's title on screen, in px. */
export const TITLE_PX = 12;

export type DetailLevel = 'full' | 'simple' | 'far';

/** "full", "far", or "simple:<scale>" — the scale (1 / zoom, in steps of 0.05) that keeps text readable. */
export function detailOf(zoom: number): string {
  if (zoom >= DETAIL_ZOOM) return 'full';
  if (zoom < FAR_ZOOM) return 'far';
  // Rounded up, so the title is never drawn smaller than TITLE_PX.
  return `simple:${(Math.ceil(20 / Math.max(zoom, READABLE_ZOOM)) / 20).toFixed(2)}`;
}

export function detailLevel(detail: string): DetailLevel {
  return detail.startsWith('simple') ? 'simple' : (detail as DetailLevel);
}

export function detailVars(detail: string): CSSProperties | undefined {
  const k = detail.startsWith('simple:') ? Number(detail.slice('simple:'.length)) : null;
  return k ? ({ '--lod-k': String(k) } as CSSProperties) : undefined;
}

/** Whether some card lies (partly) outside the visible canvas. */
export function flowOutOfView(s: Pick<ReactFlowState, 'nodeLookup' | 'transform' | 'width' | 'height'>): boolean {
  const [tx, ty, zoom] = s.transform;
  if (!s.width || !s.height) return false;
  const left = -tx / zoom;
  const top = -ty / zoom;
  const right = left + s.width / zoom;
  const bottom = top + s.height / zoom;
  for (const n of s.nodeLookup.values()) {
    const p = n.internals.positionAbsolute;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    if (p.x < left || p.y < top || p.x + w > right || p.y + h > bottom) return true;
  }
  return false;
}

/** The level the canvas draws its cards at: a card draws its simplified form only when needed. */
export const DetailContext = createContext<DetailLevel>('full');
