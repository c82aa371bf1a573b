/**
 * Test B: a flow file with mistakes is imported; each problem is named before saving and then shown
 * on the step it concerns, in words; fixing it in the inspector clears it while editing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from './fixtures/demo-flow';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

function brokenFlowFile(): string {
  const doc = demoFlow('broken-orders', 'Web orders (with two mistakes)');
  const map = doc.nodes.find((n) => n.id === 'map');
  const fields = map?.config.fields as Array<{ target: string; expr: string }>;
  (fields[2] as { expr: string }).expr = 'company ? company : (firstName & " "';
  doc.nodes.push({ id: 'only-dutch', type: 'core.transform.filter', typeVersion: 1, label: 'Only Dutch customers', position: { x: 600, y: 300 }, config: { condition: 'country = "NL"' } });
  const file = join(app.dir, 'broken.flow.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

describe('importing a flow file with mistakes', () => {
  it('names each problem on the step it concerns, and clears it once fixed', async () => {
    const { page, context, errors } = await openScreen(browser, app);
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(brokenFlowFile());

    const dialog = page.getByRole('dialog', { name: 'Import broken.flow.json' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('cannot run until these 2 problems are fixed');
    const listed = (await dialog.locator('.problem-list').textContent()) ?? '';
    expect(listed).toContain('Step “Map fields”');
    expect(listed).toContain('Value of “customer.name” in “Fields” is not a valid expression');
    expect(listed).toContain('Step “Only Dutch customers”');
    await screenshot(page, 'import-dialog');
    await dialog.getByRole('button', { name: 'Import and fix in the editor' }).click();

    // The editor opens with each problem on its card.
    const mapCard = page.locator('.react-flow__node[data-id="map"]');
    await expect.poll(() => mapCard.locator('.node-problem').textContent(), { timeout: 10_000 }).toContain('Value of “customer.name” in “Fields” is not a valid expression');
    await expect.poll(() => page.locator('.react-flow__node[data-id="only-dutch"] .node-problem').textContent()).toContain('needs something connected to its input');
    expect(await page.locator('.problems-badge').textContent()).toContain('2 problems');
    await screenshot(page, 'import-problems-on-nodes');

    // The inspector shows the same problem next to the field; fixing it clears the card.
    await mapCard.click();
    const row = page.locator('[data-mapping-row="2"]');
    await expect.poll(() => row.locator('.field-error').first().textContent()).toContain('not a valid expression');
    await row.locator('input[aria-label^="Value for"]').fill('company ? company : firstName & " " & lastName');
    await expect.poll(() => mapCard.locator('.node-problem').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('.problems-badge').textContent()).toContain('1 problem');
    expect(errors).toEqual([]);
    await context.close();
  });
});
