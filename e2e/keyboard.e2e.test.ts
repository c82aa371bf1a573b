/**
 * Keyboard first: the command palette (Ctrl+K) lists the commands with their keys, and the editor's
 * shortcuts — delete, undo, copy/paste, select all — act on the flow.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from './fixtures/demo-flow';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  await app.call('flows.save', { doc: demoFlow() });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the keyboard', () => {
  it('reaches every command, and edits the flow', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/demo-orders' });
    await card(page, 'payment').waitFor();
    const nodes = page.locator('.react-flow__node');
    expect(await nodes.count()).toBe(5);

    // The palette: search, see the key, run it.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    await palette.getByRole('combobox').fill('dry run');
    const item = palette.getByRole('option', { name: /Dry run \(write nothing\)/ });
    expect(await item.textContent()).toContain('Ctrl+Shift+Enter');
    await screenshot(page, 'command-palette');
    await page.keyboard.press('Enter');
    await page.getByText('Dry run finished').waitFor({ timeout: 20_000 });

    // Delete a step with the key, bring it back with Ctrl+Z.
    await card(page, 'payment').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => nodes.count()).toBe(4);
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes.count()).toBe(5);
    expect(await page.locator('.react-flow__edge').count()).toBe(4);

    // Copy and paste a step; select all.
    await card(page, 'map').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodes.count()).toBe(6);
    await card(page, 'map-2').waitFor();
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(6);
    await expect.poll(() => page.locator('.inspector-title').textContent()).toBe('6 steps selected');
    await page.keyboard.press('Escape');

    // Tab reaches the steps on the canvas, with a visible focus ring.
    await card(page, 'orders').focus();
    const ring = (await card(page, 'orders').evaluate('(el) => getComputedStyle(el).outlineStyle')) as string;
    expect(ring).not.toBe('none');
    expect(errors).toEqual([]);
    await context.close();
  });
});
