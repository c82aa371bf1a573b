import { describe, expect, it } from 'vitest';
import { captureWindowState, DEFAULT_SIZE, MIN_SIZE, restoreWindowState, titleBarVisibleOn, type Rect } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 860 }; // work area (menu bar / task bar excluded)
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const leftMonitor: Rect = { x: -1920, y: 0, width: 1920, height: 1040 };

describe('restoring the window', () => {
  it('starts at the default size, centred by the OS, the first time', () => {
    expect(restoreWindowState(undefined, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    // …never larger than the screen.
    expect(restoreWindowState(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ width: 1024, height: 700, maximized: false });
  });

  it('comes back exactly where it was when that spot is on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1500, height: 1000 }, maximized: false };
    expect(restoreWindowState(saved, [laptop, rightMonitor])).toEqual({ x: 1600, y: 100, width: 1500, height: 1000, maximized: false });
    const onLeft = { bounds: { x: -1800, y: 50, width: 1000, height: 700 }, maximized: true };
    expect(restoreWindowState(onLeft, [laptop, leftMonitor])).toEqual({ x: -1800, y: 50, width: 1000, height: 700, maximized: true });
  });

  it('lets the OS place it when its display is gone, keeping size (fitted) and maximized', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 2000, height: 1300 }, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({ width: 1440, height: 860, maximized: true });
  });

  it('treats a window whose title bar is off-screen as lost, even if part of it shows', () => {
    // Title bar above the top of the only display; the body hangs into view.
    const saved = { bounds: { x: 100, y: -400, width: 1000, height: 800 }, maximized: false };
    expect(restoreWindowState(saved, [laptop]).x).toBeUndefined();
    // Only a 50 px sliver of title bar on screen is not enough to grab.
    expect(titleBarVisibleOn({ x: 1390, y: 100, width: 800, height: 600 }, laptop)).toBe(false);
    expect(titleBarVisibleOn({ x: 1300, y: 100, width: 800, height: 600 }, laptop)).toBe(true);
  });

  it('pulls a window that hangs over the edge fully onto its display, shrinking it if it must', () => {
    const saved = { bounds: { x: 1000, y: 500, width: 1200, height: 800 }, maximized: false };
    expect(restoreWindowState(saved, [laptop])).toEqual({ x: 240, y: 60, width: 1200, height: 800, maximized: false });
    const huge = { bounds: { x: 10, y: 10, width: 3000, height: 2000 }, maximized: false };
    expect(restoreWindowState(huge, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: false });
  });

  it('never goes below the minimum size', () => {
    const tiny = { bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false };
    const r = restoreWindowState(tiny, [laptop]);
    expect([r.width, r.height]).toEqual([MIN_SIZE.width, MIN_SIZE.height]);
  });

  it('with no displays reported, still gives a usable size', () => {
    expect(restoreWindowState({ bounds: { x: 5, y: 5, width: 900, height: 700 }, maximized: false }, [])).toEqual({ width: 900, height: 700, maximized: false });
  });
});

describe('capturing the window', () => {
  it('saves the normal bounds (rounded) and whether it is maximized', () => {
    const win = { getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000.2, height: 700 }), isMaximized: () => true };
    expect(captureWindowState(win)).toEqual({ bounds: { x: 10, y: 21, width: 1000, height: 700 }, maximized: true });
  });
});
