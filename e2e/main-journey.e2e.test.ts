/**
 * Test A, the main journey of a new user: the set-up wizard in sandbox mode (demo MplusKASSA and
 * Teamleader), a flow made from a template, a transform dropped from the palette on the connection
 * between two steps (which puts it in between), its mapping edited while the preview follows, a dry run read as a plan, then the real
 * run watched to the end — with the demo shop's edge cases named where they happen.
 *
 * What the demo seed makes true for "Orders: MplusKASSA → Teamleader" (orders only; MplusKASSA
 * invoices are off by default): 121 orders are read; 1 came from Teamleader (its external id is a
 * Teamleader invoice) and is skipped; of the 120 made at the till, 1 is already in Teamleader
 * (an invoice carries it as purchase order number) and is skipped; the other 119 go on to
 * Teamleader (counted per order): their customer, found by email, is created for 10, updated for
 * 27 and unchanged for 82; missing products are created for 17 orders (102 have all of theirs);
 * and each becomes a draft invoice (119 created). Nothing fails, so the run succeeds.
 *
 * The app's Teamleader sandboxes allow 3000 requests a minute here (support/app.ts) instead of
 * Teamleader's 200, so the real run takes seconds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTeamleaderSandbox } from '../core/connectors/teamleader/sandbox-connection';
import { launchBrowser, openScreen, SANDBOX_REQUESTS_PER_MINUTE, screenshot, startApp, type RunningApp } from './support/app';
import { card, dropFromPalette, panCanvas } from './support/editor';

const TEMPLATE = 'Orders: MplusKASSA → Teamleader';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The invoices the app's Teamleader sandbox holds, read through its control path. */
async function teamleaderInvoices(): Promise<Array<{ id: string; purchase_order_number: string | null; status: string; note?: string | null }>> {
  const info = app.store.connections.list().find((c) => c.kind === 'teamleader-sandbox');
  const conn = info && app.store.connections.get(info.id);
  if (!conn) throw new Error('the wizard made no Teamleader sandbox connection');
  const { url } = await ensureTeamleaderSandbox(conn);
  const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as { invoices: Array<{ id: string; purchase_order_number: string | null; status: string; note?: string | null }> };
  return state.invoices;
}

describe('a new user', () => {
  it('sets up with demo data, adapts the orders template, dry-runs it and runs it', async () => {
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
    // Every ready-made flow for these apps is suggested; this journey takes the orders one to Teamleader.
    const choices = page.getByRole('group', { name: 'Flows' }).getByRole('checkbox');
    for (const choice of await choices.all()) {
      const wanted = ((await choice.textContent()) ?? '').includes(TEMPLATE);
      if ((await choice.getAttribute('aria-checked')) !== String(wanted)) await choice.click();
    }
    expect(await page.getByRole('checkbox', { name: new RegExp(TEMPLATE) }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Next' }).click();
    // The template's questions, answered with the suggested values.
    await page.getByRole('heading', { name: 'A few questions' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Send MplusKASSA orders' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('switch', { name: 'Send MplusKASSA invoices' }).getAttribute('aria-checked')).toBe('false');
    expect(await page.getByRole('switch', { name: 'Update customers that already exist' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'journey-02-questions');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Test the connections' }).waitFor();
    for (const appId of ['mplus', 'teamleader']) await expect.poll(() => page.locator(`.test-list li[data-app="${appId}"] svg.text-ok`).count(), { timeout: 20_000 }).toBe(1);
    await screenshot(page, 'journey-03-tested');
    await page.getByRole('button', { name: 'Create the flow' }).click();
    await page.getByRole('heading', { name: 'All set' }).waitFor({ timeout: 20_000 });
    // The wizard's Teamleader sandbox takes the pace this app was started with.
    const teamleaderConnection = app.store.connections.list().find((c) => c.kind === 'teamleader-sandbox');
    expect(teamleaderConnection && app.store.connections.get(teamleaderConnection.id)?.config['requestsPerMinute']).toBe(SANDBOX_REQUESTS_PER_MINUTE);
    await page.getByRole('button', { name: `Open “${TEMPLATE}”` }).click();

    // 2. The flow, ready to run: no problems, one card per step; MplusKASSA invoices are off.
    await card(page, 'invoice').waitFor();
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(24);
    expect(await page.locator('.react-flow__edge').count()).toBe(25);
    expect(await card(page, 'invoices').locator('.badge:visible').textContent()).toBe('Off');
    expect(await card(page, 'credit-invoices').locator('.badge:visible').textContent()).toBe('Off');
    await screenshot(page, 'journey-04-template-flow');

    // 3. A dry run first: nothing is written; the plan says what a real run would do.
    const invoicesAtStart = await teamleaderInvoices();
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    const plan = page.locator('.run-plan');
    // The reasons for skipping arrive a moment after the counts.
    await expect.poll(() => plan.textContent()).toContain('“Already synced” will skip 1 record: is already in Teamleader (an invoice carries this MplusKASSA order, or the order it was invoiced from with the same total, as its purchase order number)');
    const planText = (await plan.textContent()) ?? '';
    expect(planText).toContain('“Orders from MplusKASSA” read 121 records.');
    expect(planText).toContain('“Invoices from MplusKASSA” is switched off and read nothing.');
    // The order that came from Teamleader is never sent back: its source skips it where it reads it.
    expect(planText).toMatch(/“Orders from MplusKASSA” will skip 1 record: came from Teamleader \(a document [0-9a-f-]+\), so it is not sent back there\./);
    expect(planText).toContain('“Customer in MplusKASSA”: 120 found.');
    expect(planText).toContain('“Already in Teamleader?”: 1 found and 119 missing.');
    expect(planText).toContain('“Customer in Teamleader” will create 10, update 27 and leave 82 unchanged.');
    expect(planText).toContain('“Products in Teamleader” will create 18 and leave 101 unchanged.');
    expect(planText).toContain('“Invoice in Teamleader” will create 119.');
    expect(planText).not.toContain('would fail');
    expect(await page.locator('.run-status').textContent()).toContain('121 read · 119 would go through · 2 would be skipped · 0 would fail');
    // A dry run writes nothing: Teamleader holds only the invoices it had.
    const invoicesBefore = await teamleaderInvoices();
    expect(invoicesBefore.map((i) => i.id)).toEqual(invoicesAtStart.map((i) => i.id));
    await screenshot(page, 'journey-05-plan');

    // 4. Put a "Map fields" step between "Invoice" and "Invoice in Teamleader": drop it from the
    //    palette onto their connection, which puts it in between (as Node-RED does).
    await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
    await page.getByRole('button', { name: 'Hide the inspector' }).click();
    await page.waitForTimeout(400); // the canvas re-fits the flow to its new size
    const pane = await page.locator('.canvas .react-flow__pane').boundingBox();
    const onEdge = await page.locator('.react-flow__edge[data-id="as-invoice.out->invoice.in"] .react-flow__edge-interaction').boundingBox();
    if (!pane || !onEdge) throw new Error('the invoice steps are not on screen');
    await dropFromPalette(page, 'Map fields', { x: onEdge.x + onEdge.width / 2 - pane.x, y: onEdge.y + onEdge.height / 2 - pane.y });
    const added = card(page, 'map-fields');
    await added.waitFor();
    // No room at the drop: it goes below the folded line, and the canvas pans to keep it in view.
    await expect.poll(async () => { const b = await added.boundingBox(); return !!b && b.y >= pane.y && b.y + b.height <= pane.y + pane.height; }).toBe(true);
    const edgeIds = () => page.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await expect.poll(edgeIds).toEqual(expect.arrayContaining(['as-invoice.out->map-fields.in', 'map-fields.out->invoice.in']));
    expect(await edgeIds()).not.toContain('as-invoice.out->invoice.in');
    expect(await page.locator('.react-flow__edge').count()).toBe(26);
    // Wired in: only the new step's empty mapping is left to do.
    await expect.poll(() => page.locator('.problems-badge').textContent()).toContain('1 problem');
    await expect.poll(() => added.locator('.node-problem').textContent()).toContain('needs at least one field');
    await screenshot(page, 'journey-06-step-added');

    // 5. Its mapping: keep the invoice as it is, but write its note in capitals. The preview (the
    //    dry run's records, carried through the steps before it) follows each edit.
    await added.click();
    await page.getByRole('button', { name: 'Show the inspector' }).click();
    await page.getByRole('switch', { name: 'Keep the other fields' }).click();
    await page.getByText('From the last run').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Add a field' }).click();
    const row = page.locator('[data-mapping-row="0"]');
    await row.getByRole('textbox', { name: 'Target field 1' }).fill('invoice.note');
    await row.locator('input[aria-label^="Value for"]').fill('invoice.note');
    const preview = row.locator('.mapper-value');
    const previewText = async () => ((await preview.textContent()) ?? '').replace(/^→\s*/, '').trim();
    await expect.poll(previewText, { timeout: 10_000 }).toMatch(/^"?MplusKASSA WEB-\d+"?$/);
    const note = await previewText();
    await row.locator('input[aria-label^="Value for"]').fill('$uppercase(invoice.note)');
    await expect.poll(previewText, { timeout: 10_000 }).toBe(note.toUpperCase());
    await expect.poll(() => page.locator('.problems-badge').count()).toBe(0);
    await screenshot(page, 'journey-07-mapping-preview');

    // 6. The real run, watched to the end: the progress bar fills while it runs, then the counts
    //    land on the steps and on the edges. (Every value the bar shows is noted as it changes.)
    await page.evaluate(`(() => {
      const seen = (window.sincroProgress = []);
      new MutationObserver(() => {
        const bar = document.querySelector('.run-status [role="progressbar"]');
        if (bar) seen.push([Number(bar.getAttribute('aria-valuenow')), Number(bar.getAttribute('aria-valuemax'))]);
      }).observe(document.querySelector('.run-panel'), { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const status = page.locator('.run-status');
    await expect.poll(() => status.locator('.badge').textContent(), { timeout: 60_000 }).toBe('Succeeded');
    const progress = await page.evaluate<Array<[number, number]>>('window.sincroProgress');
    // The bar was there while the run went on: it never went back, and it measured the 121 orders read.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.map(([done]) => done)).toEqual(progress.map(([done]) => done).sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([expect.any(Number), 121]);
    expect(progress.every(([done, of]) => done <= of)).toBe(true);
    expect(await status.textContent()).toContain('121 read · 119 done · 2 skipped · 0 failed');
    const lastRun = (id: string) => card(page, id).locator('.node-counts').getAttribute('aria-label');
    await expect.poll(() => lastRun('invoice')).toBe('Last run: 119 in, 119 created');
    // The order that came from Teamleader is never sent back: its source skips it where it reads it.
    expect(await lastRun('customer')).toBe('Last run: 119 in, 10 created, 27 updated, 82 unchanged');
    expect(await lastRun('products')).toBe('Last run: 119 in, 18 created, 101 unchanged');
    expect(await lastRun('orders')).toBe('Last run: 121 read, 1 skipped');
    expect(await lastRun('already-synced')).toBe('Last run: 120 in, 1 found, 119 missing');
    expect(await lastRun('skip-synced')).toBe('Last run: 1 in, 1 skipped');
    expect(await lastRun('map-fields')).toBe('Last run: 119 in, 119 out');
    expect(await page.locator('.edge-count').allTextContents()).toEqual(expect.arrayContaining(['120', '119', '1']));
    // Bring the end of the flow into view for the picture: the new step and the invoices it made.
    const paneNow = await page.locator('.canvas .react-flow__pane').boundingBox();
    const invoiceNow = await card(page, 'invoice').boundingBox();
    if (!paneNow || !invoiceNow) throw new Error('the flow is not on screen');
    await panCanvas(page, paneNow.x + paneNow.width - 40 - (invoiceNow.x + invoiceNow.width));
    await screenshot(page, 'journey-08-run-finished');

    // 7. What happened to each record, in words: the order already in Teamleader is named with why,
    //    and an order is followed to the invoice Teamleader made of it.
    await page.getByRole('tab', { name: /Records/ }).click();
    await page.getByRole('button', { name: /^Skipped/ }).click();
    await page.getByRole('option', { name: /is already in Teamleader/ }).click();
    await expect.poll(() => page.locator('.lineage').textContent()).toContain('Skipped at “Already synced”: is already in Teamleader');
    await page.getByRole('button', { name: /^Done/ }).click();
    await page.getByRole('option').first().click();
    const lineage = page.locator('.lineage');
    await expect.poll(() => lineage.textContent()).toMatch(/Created — “Invoice in Teamleader”/);
    const orderId = ((await lineage.getAttribute('aria-label')) ?? '').replace(/^Record /, '');
    const invoiceId = (await lineage.locator('.lineage-head code').last().textContent()) ?? '';
    expect(invoiceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const text = (await lineage.textContent()) ?? '';
    expect(text).toContain(`no invoice with purchase order number ${orderId} in Teamleader`);
    expect(text).toContain(`Teamleader id ${invoiceId}`);
    // On its way the new step wrote the invoice's note in capitals; the end of its way is the
    // invoice Teamleader made, with the id Teamleader gave it.
    const mapped = lineage.locator('.lineage-step').filter({ has: page.locator('strong', { hasText: /^Map fields$/ }) });
    const mappedNote = /"note": "(MPLUSKASSA WEB-\d+)"/.exec((await mapped.textContent()) ?? '')?.[1];
    expect(mappedNote).toBeDefined();
    const lastStep = lineage.locator('.lineage-step').last();
    expect(await lastStep.textContent()).toContain('Invoice in Teamleader');
    await lastStep.scrollIntoViewIfNeeded();
    await screenshot(page, 'journey-09-lineage');
    // Teamleader holds that invoice: a draft for this order, with the note in capitals.
    const invoicesAfter = await teamleaderInvoices();
    expect(invoicesAfter.length - invoicesBefore.length).toBe(119);
    const made = invoicesAfter.find((i) => i.id === invoiceId);
    expect(made).toMatchObject({ purchase_order_number: `MplusKASSA order ${orderId}`, status: 'draft' });
    expect(made?.note).toBe(mappedNote);
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
      expect(await card(page, 'quotations').locator('.badge:visible').textContent()).toBe('Off');
      // The first Run of a new flow offers a dry run first.
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByRole('dialog', { name: 'This flow has never run' }).getByRole('button', { name: 'Dry run first' }).click();
      await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
      const plan = page.locator('.run-plan');
      await expect.poll(() => plan.textContent()).toContain('“Already synced” will skip 1 record: is already in MplusKASSA');
      const text = (await plan.textContent()) ?? '';
      expect(text).toContain('“Invoices from Teamleader” read 54 records.');
      // The products and the country are checked before the customer is written: an order that
      // fails on them leaves no customer behind.
      expect(text).toContain('“Customer in MplusKASSA” will create 6, update 29 and leave 13 unchanged.');
      expect(text).toContain('“Order in MplusKASSA” will create 48.');
      // The invoice that came from MplusKASSA (with its gift-card line) is skipped where it is read.
      expect(text).toMatch(/“Invoices from Teamleader” will skip 1 record: came from MplusKASSA \(order [0-9a-f]+\), so it is not sent back there\./);
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
