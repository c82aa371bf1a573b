/**
 * The window's size, position and maximized state across starts. Restoring puts the window back
 * only where the user can still reach it: a display may be gone (an unplugged monitor, another
 * resolution), and a window whose title bar is off every screen cannot be dragged back.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const rectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
export const windowStateSchema = z.object({ bounds: rectSchema, maximized: z.boolean() });
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 560 };
/** How much of the title bar must be on a display to count as reachable. */
const TITLE_BAR = { width: 120, height: 32 };

/** What to create the BrowserWindow with: no x/y means "let the OS centre it". */
export interface RestoredWindow {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/**
 * @param workAreas the work areas of the displays now attached, primary first
 */
export function restoreWindowState(saved: WindowState | undefined, workAreas: Rect[]): RestoredWindow {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: clamp(size.width, MIN_SIZE.width, area ? Math.max(MIN_SIZE.width, area.width) : size.width),
    height: clamp(size.height, MIN_SIZE.height, area ? Math.max(MIN_SIZE.height, area.height) : size.height),
  });
  if (!saved) return { ...fit(DEFAULT_SIZE, primary), maximized: false };

  const home = workAreas.find((area) => titleBarVisibleOn(saved.bounds, area));
  if (!home) return { ...fit(saved.bounds, primary), maximized: saved.maximized };
  const size = fit(saved.bounds, home);
  // Shrinking may not be enough: keep the whole window inside the display it is on.
  const x = clamp(saved.bounds.x, home.x, home.x + home.width - size.width);
  const y = clamp(saved.bounds.y, home.y, home.y + home.height - size.height);
  return { x, y, ...size, maximized: saved.maximized };
}

export function titleBarVisibleOn(bounds: Rect, area: Rect): boolean {
  const bar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(TITLE_BAR.height, bounds.height) };
  const overlapW = Math.min(bar.x + bar.width, area.x + area.width) - Math.max(bar.x, area.x);
  const overlapH = Math.min(bar.y + bar.height, area.y + area.height) - Math.max(bar.y, area.y);
  return overlapW >= Math.min(TITLE_BAR.width, bar.width) && overlapH >= bar.height;
}

/** What to save: the normal (not maximized) bounds, so un-maximizing later restores them. */
export function captureWindowState(win: { getNormalBounds(): Rect; isMaximized(): boolean }): WindowState {
  const b = win.getNormalBounds();
  return { bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }, maximized: win.isMaximized() };
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}
