/**
 * The same journey on generic steps only (no app connected): import a flow file, dry-run it, drag
 * a transform in and wire it, map with a live preview, run, and follow the one order the sample
 * data makes fail — in the run panel and across runs in the history.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from './fixtures/demo-flow';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card, connect, dropFromPalette, port } from './support/editor';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a flow of generic steps', () => {
  it('is imported, edited, dry-run and run, and its failed record is followed', async () => {
    const { page, context, errors } = await openScreen(browser, app);

    await page.getByRole('heading', { name: 'Your flows' }).waitFor();
    // 2. Bring in a flow (import a file) and open it.
    const file = join(app.dir, 'web-orders.flow.json');
    writeFileSync(file, JSON.stringify(demoFlow(), null, 2));
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText('The flow is complete and ready to run.').waitFor();
    await page.getByRole('button', { name: 'Import flow' }).last().click();
    await card(page, 'customer').waitFor();
    await expect.poll(() => page.locator('.save-state').textContent()).toContain('Saved');

    // 3. A dry run first: nothing is written, the plan says what would happen.
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 20_000 });
    const plan = (await page.locator('.run-plan').textContent()) ?? '';
    expect(plan).toContain('“Sample records” read 5 records.');
    expect(plan).toContain('1 record would fail at “Payment method”');
    expect(plan).toContain('“Find the customer”: 3 found and 1 missing.');
    expect(await page.locator('.run-status').textContent()).toContain('Dry run');
    await screenshot(page, 'generic-04-plan');

    // 4. Drag "Map fields" from the palette onto the canvas and wire it after the lookup's "found".
    await page.getByRole('button', { name: 'Hide the inspector' }).click();
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await page.waitForTimeout(400); // the canvas re-fits the flow to its new size
    const pane = await page.locator('.canvas .react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    const cust = await card(page, 'customer').boundingBox();
    if (!cust) throw new Error('no customer card');
    await dropFromPalette(page, 'Map fields', { x: Math.min(pane.width - 140, cust.x - pane.x + 60), y: Math.min(pane.height - 120, cust.y - pane.y + 170) });
    const added = card(page, 'map-fields');
    await added.waitFor();
    // A connection that makes no sense is refused, with the reason.
    await connect(page, port(page, 'map-fields', 'in', 'in'), port(page, 'payment', 'in', 'in'));
    await page.getByText('Both ends are inputs').first().waitFor();
    await connect(page, port(page, 'customer', 'out', 'found'), port(page, 'map-fields', 'in', 'in'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(5);
    // Tidy up (auto-layout, left to right) from the keyboard; one undo step brings the old layout back.
    const before = await added.boundingBox();
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Shift+L');
    await expect.poll(async () => JSON.stringify(await added.boundingBox())).not.toBe(JSON.stringify(before));
    await page.waitForTimeout(400);
    await screenshot(page, 'generic-03-connected');

    // 5. Edit the new step's mapping: the preview follows each edit.
    await added.click();
    await page.getByRole('button', { name: 'Show the inspector' }).click();
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await page.getByText('From the last run').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Add a field' }).click();
    const row = page.locator('[data-mapping-row="0"]');
    await row.getByRole('textbox', { name: 'Target field 1' }).fill('customerNumber');
    await row.locator('input[aria-label^="Value for"]').fill('relation.relationNumber');
    const preview = row.locator('.mapper-value');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('R-17');
    await row.locator('input[aria-label^="Value for"]').fill('"Customer " & relation.relationNumber');
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Customer R-17');
    await page.getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain('Customer R-18');
    await screenshot(page, 'generic-05-mapping-preview');

    // 6. Run it for real and watch it finish: the counts land on the steps and the edges.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.locator('.run-status .badge').textContent(), { timeout: 30_000 }).toBe('Some records failed');
    await expect.poll(() => added.locator('.node-counts').textContent()).toContain('3 in');
    expect(await card(page, 'payment').locator('.node-counts').textContent()).toContain('1 failed');
    expect(await page.locator('.edge-count').allTextContents()).toEqual(expect.arrayContaining(['5', '4', '3', '1']));
    await screenshot(page, 'generic-06-run-finished');

    // 7. The failed order, in plain words, with its way through the flow.
    await page.getByRole('tab', { name: /Records/ }).click();
    const failed = page.getByRole('option', { name: /WEB-1005/ });
    await failed.click();
    const lineage = page.locator('.lineage');
    await expect.poll(() => lineage.textContent()).toContain('Failed at “Payment method”: paymentMethod "cash" is not in the table');
    expect(await lineage.textContent()).toContain('What was read');
    await screenshot(page, 'generic-07-lineage');

    // 8. Later: find that order in the run history, across runs.
    await page.getByRole('link', { name: 'Run history' }).click();
    await page.getByRole('textbox', { name: 'Record key' }).fill('WEB-1005');
    await page.getByRole('button', { name: 'Find in all runs' }).click();
    await expect.poll(() => page.locator('tr.clickable').filter({ hasText: 'paymentMethod "cash"' }).count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
