/** Steps on the editor's canvas that browser tests share: drag from the palette, connect two ports. */
import type { Locator, Page } from 'playwright-core';

export const card = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);

export const port = (page: Page, nodeId: string, dir: 'in' | 'out', name: string): Locator => card(page, nodeId).locator(`.react-flow__handle[data-handleid="${dir}:${name}"]`);

/** Drags a step from the palette onto the canvas at a point of the canvas (HTML5 drag and drop). */
export async function dropFromPalette(page: Page, title: string, at: { x: number; y: number }): Promise<void> {
  await page.locator('.palette-item', { hasText: title }).first().dragTo(page.locator('.canvas .react-flow__pane'), { targetPosition: at });
}

/** Drags a connection from one port to another with the mouse, as a person would. */
export async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('a port is not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) await page.mouse.move(a.x + a.width / 2 + ((b.x - a.x) * i) / steps, a.y + a.height / 2 + ((b.y - a.y) * i) / steps);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  // Let the canvas settle on the port under the pointer (it looks for it on the next frame).
  await page.waitForTimeout(80);
  await page.mouse.up();
  await page.waitForTimeout(50);
}

/**
 * Pans the canvas as a person would, by dragging an empty spot of it: `dx`, `dy` in screen pixels
 * (negative dx brings the right-hand part of the flow into view).
 */
export async function panCanvas(page: Page, dx: number, dy = 0): Promise<void> {
  const pane = await page.locator('.canvas .react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  // An empty spot near the top of the canvas, else near its bottom: the pane itself must be under the pointer.
  const xs = [0.5, 0.35, 0.65, 0.2, 0.8].map((f) => pane.x + pane.width * f);
  const spots = [pane.y + 12, pane.y + pane.height - 12].flatMap((y) => xs.map((x) => ({ x, y })));
  let start: { x: number; y: number } | undefined;
  for (const spot of spots) {
    if (await page.evaluate<boolean>(`document.elementFromPoint(${spot.x}, ${spot.y})?.classList.contains('react-flow__pane') ?? false`)) {
      start = spot;
      break;
    }
  }
  if (!start) throw new Error('there is no empty spot at the top or bottom of the canvas to drag it by');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const steps = 10;
  for (let i = 1; i <= steps; i++) await page.mouse.move(start.x + (dx * i) / steps, start.y + (dy * i) / steps);
  await page.mouse.up();
}

/**
 * Clicks a connection in its middle with the mouse, as a person would. (A short straight
 * connection has no height, which a locator's click refuses as "outside of the viewport".)
 */
export async function clickEdge(page: Page, edgeId: string): Promise<void> {
  const box = await page.locator('.react-flow__edge').filter({ has: page.locator(`[id="${edgeId}"]`) }).locator('.react-flow__edge-interaction').boundingBox();
  if (!box) throw new Error(`the connection ${edgeId} is not on screen`);
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = await page.evaluate<string | null>(`document.elementFromPoint(${at.x}, ${at.y})?.closest('.react-flow__edge')?.getAttribute('data-id') ?? null`);
  if (hit !== edgeId) throw new Error(`something else is over the middle of the connection ${edgeId}: ${hit ?? 'not a connection'}`);
  await page.mouse.click(at.x, at.y);
}
