/**
 * Test A, the main journey of a new user: the set-up wizard in sandbox mode (demo MplusKASSA and
 * Teamleader), a flow made from a template, a transform dragged from the palette and put between
 * two steps, its mapping edited while the preview follows, a dry run read as a plan, then the real
 * run watched to the end — with the demo shop's edge cases named where they happen.
 *
 * What the demo seed makes true for "Customers: Teamleader → MplusKASSA": 39 people and 15
 * companies change in Teamleader; 14 people are contact persons of a company (skipped: synced
 * with their company), 1 has no email address (skipped, with the reason); of the 39 customers sent
 * to MplusKASSA, 8 are new and 31 exist already (matched by email) and are updated.
 *
 * The orders template is checked by its dry run (below): a real run right after a dry run waits
 * about a minute for the Teamleader sandbox's rate limit (200 requests a minute, as the real API),
 * which would not fit this suite's time budget.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card, connect, dropFromPalette, port } from './support/editor';

const TEMPLATE = 'Customers: Teamleader → MplusKASSA';

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
  it('sets up with demo data, adapts a template flow, dry-runs it and runs it', async () => {
    const { page, context, errors } = await openScreen(browser, app);

    // 1. First start: nothing is connected, so Home leads into the wizard.
    await page.getByRole('heading', { name: 'Connect MplusKASSA and Teamleader' }).waitFor();
    await screenshot(page, 'journey-01-first-start');
    await page.getByRole('button', { name: 'Get started' }).click();
    await page.getByRole('heading', { name: 'Set up Sincro' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /MplusKASSA/ }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('checkbox', { name: /Teamleader Focus/ }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Next' }).click();
    // Demo data for both apps (the default): local sandboxes, nothing real is touched.
    await expect.poll(() => page.getByRole('radio', { name: /Try with demo data/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked')))).toEqual(['true', 'true']);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Your flows' }).waitFor({ timeout: 30_000 });
    // Every ready-made flow for these apps is suggested; this journey takes the customers one.
    const choices = page.getByRole('group', { name: 'Flows' }).getByRole('checkbox');
    for (const choice of await choices.all()) {
      const wanted = ((await choice.textContent()) ?? '').includes(TEMPLATE);
      if ((await choice.getAttribute('aria-checked')) !== String(wanted)) await choice.click();
    }
    expect(await page.getByRole('checkbox', { name: new RegExp(TEMPLATE) }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Next' }).click();
    // The template's questions, answered with the suggested values.
    await page.getByRole('heading', { name: 'A few questions' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Update customers that already exist' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'journey-02-questions');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Test the connections' }).waitFor();
    for (const appId of ['mplus', 'teamleader']) await expect.poll(() => page.locator(`.test-list li[data-app="${appId}"] svg.text-ok`).count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'journey-03-tested');
    await page.getByRole('button', { name: 'Create the flow' }).click();
    await page.getByRole('heading', { name: 'All set' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: `Open “${TEMPLATE}”` }).click();

    // 2. The flow, ready to run: no problems, one card per step.
    await card(page, 'customer').waitFor();
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(10);
    await screenshot(page, 'journey-04-template-flow');

    // 3. A dry run first: nothing is written; the plan says what a real run would do.
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    const plan = page.locator('.run-plan');
    // The reasons for skipping arrive a moment after the counts.
    await expect.poll(() => plan.textContent()).toContain('“No email address” will skip 1 record: has no email address, so it cannot be matched to a customer in MplusKASSA');
    expect(await plan.textContent()).toContain('“Customer in MplusKASSA” will create 8 and update 31.');
    expect(await plan.textContent()).toContain('“Contact person of a company” will skip 14 records: is the contact person of a company in Teamleader');
    await screenshot(page, 'journey-05-plan');

    // 4. Put a "Map fields" step between "VAT method by country" and the customer: drop it from
    //    the palette, remove the old connection, wire the new step in.
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await page.getByRole('button', { name: 'Hide the inspector' }).click();
    await page.waitForTimeout(400); // the canvas re-fits the flow to its new size
    const vat = await card(page, 'vat-method').boundingBox();
    const cust = await card(page, 'customer').boundingBox();
    const pane = await page.locator('.canvas .react-flow__pane').boundingBox();
    if (!vat || !cust || !pane) throw new Error('the flow is not on screen');
    await dropFromPalette(page, 'Map fields', { x: (vat.x + cust.x) / 2 - pane.x, y: vat.y - 70 - pane.y });
    const added = card(page, 'map-fields');
    await added.waitFor();
    await page.waitForTimeout(300); // a new card's ports are measured on the next frames
    const oldEdge = page.locator('.react-flow__edge').filter({ has: page.locator('[id="vat-method.out->customer.in"]') });
    await oldEdge.locator('.react-flow__edge-interaction').click({ force: true });
    await page.keyboard.press('Delete');
    await expect.poll(() => oldEdge.count()).toBe(0);
    await screenshot(page, 'journey-06-step-dropped');
    await connect(page, port(page, 'vat-method', 'out', 'out'), port(page, 'map-fields', 'in', 'in'));
    await connect(page, port(page, 'map-fields', 'out', 'out'), port(page, 'customer', 'in', 'in'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(10);
    await screenshot(page, 'journey-06-step-added');

    // 5. Its mapping: keep the customer as it is, but write the name in capitals. The preview
    //    (the last run's records, carried through the steps before it) follows each edit.
    await added.click();
    await page.getByRole('button', { name: 'Show the inspector' }).click();
    await page.getByRole('switch', { name: 'Keep the other fields' }).click();
    await page.getByText('From the last run').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Add a field' }).click();
    const row = page.locator('[data-mapping-row="0"]');
    await row.getByRole('textbox', { name: 'Target field 1' }).fill('relation.name');
    await row.locator('input[aria-label^="Value for"]').fill('relation.name');
    const preview = row.locator('.mapper-value');
    await expect.poll(async () => ((await preview.textContent()) ?? '').replace(/^→\s*/, ''), { timeout: 10_000 }).toMatch(/[a-z]/);
    const name = ((await preview.textContent()) ?? '').replace(/^→\s*/, '').trim();
    await row.locator('input[aria-label^="Value for"]').fill('$uppercase(relation.name)');
    await expect.poll(async () => ((await preview.textContent()) ?? '').replace(/^→\s*/, '').trim(), { timeout: 10_000 }).toBe(name.toUpperCase());
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(0);
    await screenshot(page, 'journey-07-mapping-preview');

    // 6. The real run, watched to the end: the counts land on the steps and on the edges.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const status = page.locator('.run-status');
    await expect.poll(() => status.locator('.badge').textContent(), { timeout: 30_000 }).toBe('Succeeded');
    expect(await status.textContent()).toContain('54 read · 39 done · 15 skipped · 0 failed');
    await expect.poll(() => card(page, 'customer').locator('.node-counts').textContent()).toContain('8 created');
    expect(await card(page, 'customer').locator('.node-counts').textContent()).toContain('31 updated');
    expect(await added.locator('.node-counts').textContent()).toContain('39 in');
    expect(await page.locator('.edge-count').allTextContents()).toEqual(expect.arrayContaining(['39', '15', '14', '1']));
    await screenshot(page, 'journey-08-run-finished');

    // 7. What happened to each record, in words: the customer without an email is named with why.
    await page.getByRole('tab', { name: /Records/ }).click();
    await page.getByRole('button', { name: /^Skipped/ }).click();
    const noEmail = page.getByRole('option', { name: /has no email address/ });
    await noEmail.click();
    await expect.poll(() => page.locator('.lineage').textContent()).toContain('Skipped at “No email address”: has no email address');
    await page.getByRole('button', { name: /^Done/ }).click();
    await page.getByRole('option').first().click();
    const lineage = (await page.locator('.lineage').textContent()) ?? '';
    expect(lineage).toMatch(/Created|Updated/);
    expect(lineage).toContain('What MplusKASSA answered');
    await screenshot(page, 'journey-09-lineage');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is shown what the orders template would do before anything is written', async () => {
    const fresh = await startApp();
    try {
      const mplus = await fresh.call<{ id: string }>('connections.addSandbox', { app: 'mplus' });
      const teamleader = await fresh.call<{ id: string }>('connections.addSandbox', { app: 'teamleader' });
      await fresh.call('templates.create', { template: 'orders-teamleader-to-mplus', flowId: 'orders', connections: { mplus: mplus.id, teamleader: teamleader.id }, settings: {} });
      const { page, context, errors } = await openScreen(browser, fresh, { path: '#/flows/orders' });
      await card(page, 'order').waitFor();
      // Quotations are not sent by default (a setting of the template): that source is off.
      expect(await card(page, 'quotations').locator('.badge').textContent()).toBe('Off');
      // The first Run of a new flow offers a dry run first.
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('dialog', { name: 'This flow has never run' }).getByRole('button', { name: 'Dry run first' }).click();
      await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
      const plan = page.locator('.run-plan');
      await expect.poll(() => plan.textContent()).toContain('“Already synced” will skip 1 record: is already in MplusKASSA');
      const text = (await plan.textContent()) ?? '';
      expect(text).toContain('“Invoices from Teamleader” read 54 records.');
      expect(text).toContain('“Customer in MplusKASSA” will create 6, update 33 and leave 12 unchanged.');
      expect(text).toContain('“Order in MplusKASSA” will create 48.');
      expect(text).toMatch(/1 record would fail at “Read the order” — .*“Cadeaubon 60” has no product/);
      expect(text).toMatch(/1 record would fail at “No email address” — the customer has no email address/);
      expect(text).toMatch(/3 records would fail at “A product is missing” — a product of this order is not in MplusKASSA/);
      expect(await page.locator('.run-status .badge').textContent()).toBe('Dry run · Some records failed');
      await screenshot(page, 'journey-10-orders-plan');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await fresh.close();
    }
  });
});
