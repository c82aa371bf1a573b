/**
 * Test A, the main journey of a new user: set up with demo data in the wizard, open a flow, drag a
 * transform from the palette onto the canvas and wire it in, edit its mapping and watch the
 * preview follow, do a dry run and read the plan, run it for real, watch the progress finish, and
 * find what happened to the one order the demo data makes fail.
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

describe('a new user', () => {
  it('sets up, edits a flow, dry-runs it, runs it and follows a failed record', async () => {
    const { page, context, errors } = await openScreen(browser, app);

    // 1. First start: no connections yet, so Home leads into the wizard.
    await page.getByRole('heading', { name: 'Connect MplusKASSA and Teamleader' }).waitFor();
    await screenshot(page, 'journey-01-first-start');
    await page.getByRole('button', { name: 'Get started' }).click();
    await page.getByRole('heading', { name: 'Set up Sincro' }).waitFor();
    // MplusKASSA only (its demo sandbox), with demo data.
    await page.getByRole('checkbox', { name: /Teamleader Focus/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /Try with demo data/ }).first().waitFor();
    expect(await page.getByRole('radio', { name: /Try with demo data/ }).first().getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Your flows' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'A few questions' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Test the connections' }).waitFor();
    const mplusTest = page.locator('.test-list li[data-app="mplus"]');
    await expect.poll(() => mplusTest.locator('svg.text-ok').count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'journey-02-wizard-test');
    await page.getByRole('button', { name: /Finish|Create/ }).click();
    await page.getByRole('heading', { name: 'All set' }).waitFor();
    await page.getByRole('button', { name: 'Go to your flows' }).click();
    await page.getByRole('heading', { name: 'Your flows' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Connect MplusKASSA and Teamleader' }).count()).toBe(0);

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
    await screenshot(page, 'journey-04-plan');

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
    await screenshot(page, 'journey-03-connected');

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
    await screenshot(page, 'journey-05-mapping-preview');

    // 6. Run it for real and watch it finish: the counts land on the steps and the edges.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.locator('.run-status').textContent(), { timeout: 30_000 }).toContain('Some records failed');
    expect(await page.locator('.run-status').textContent()).not.toContain('Dry run');
    await expect.poll(() => added.locator('.node-counts').textContent()).toContain('3 in');
    expect(await card(page, 'payment').locator('.node-counts').textContent()).toContain('1 failed');
    expect(await page.locator('.edge-count').allTextContents()).toEqual(expect.arrayContaining(['5', '4', '3', '1']));
    await screenshot(page, 'journey-06-run-finished');

    // 7. The failed order, in plain words, with its way through the flow.
    await page.getByRole('tab', { name: /Records/ }).click();
    const failed = page.getByRole('option', { name: /WEB-1005/ });
    await failed.click();
    const lineage = page.locator('.lineage');
    await expect.poll(() => lineage.textContent()).toContain('Failed at “Payment method”: paymentMethod "cash" is not in the table');
    expect(await lineage.textContent()).toContain('What was read');
    await screenshot(page, 'journey-07-lineage');

    // 8. Later: find that order in the run history, across runs.
    await page.getByRole('link', { name: 'Run history' }).click();
    await page.getByRole('textbox', { name: 'Record key' }).fill('WEB-1005');
    await page.getByRole('button', { name: 'Find in all runs' }).click();
    await expect.poll(() => page.locator('tr.clickable').filter({ hasText: 'paymentMethod "cash"' }).count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
