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
