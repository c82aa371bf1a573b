/**
 * Issue 11 §2, change then test again, in seconds: after a real run, a dry run of the changed flow
 * reads nothing and says why (nothing changed since the last run); the flow is tested on the last
 * run's records instead; a source's records are pinned and dry runs use them; each step shows its
 * input and output of the last test; "Read everything again" names its consequences first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';
import { card } from './support/editor';

let app: RunningApp;
let browser: Browser;
let read = 0;

async function finish(runId: string): Promise<{ read: number; status: string }> {
  for (let i = 0; i < 600; i++) {
    const r = app.store.runs.get(runId);
    if (r && r.status !== 'running') return { read: r.counts?.read ?? 0, status: r.status };
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const mplus = await app.call<{ id: string }>('connections.addSandbox', { app: 'mplus' });
  const teamleader = await app.call<{ id: string }>('connections.addSandbox', { app: 'teamleader' });
  await app.call('templates.create', { template: 'products-mplus-to-teamleader', flowId: 'products', connections: { mplus: mplus.id, teamleader: teamleader.id }, settings: {} });
  // The flow has run for real once: its source's cursor has moved on.
  const { runId } = await app.call<{ runId: string }>('runs.start', { flowId: 'products', dryRun: false });
  read = (await finish(runId)).read;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('changing a flow that has run', () => {
  it('says why a dry run reads nothing, tests on the last run’s records, pins test records and shows each step’s input and output', async () => {
    expect(read).toBeGreaterThan(10);
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/products' });
    await card(page, 'as-product').waitFor();

    // A dry run now reads nothing, and the plan says why, with the ways on.
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    const help = page.locator('.empty-read');
    await expect.poll(() => help.textContent()).toMatch(/Nothing to test: nothing changed since the last run at .*“Articles from MplusKASSA” reads only what was added or changed in MplusKASSA since then/);
    expect(await page.locator('.run-status').textContent()).toContain('0 read');
    await screenshot(page, 'test-01-nothing-changed');

    // Tested on the records the last run read, through the flow as it is now: nothing is written.
    await help.getByRole('button', { name: `Test on the last run’s records (${read})` }).click();
    await page.getByText('Test on the last run’s records finished').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain(`“Articles from MplusKASSA” replayed ${read} records the last run read.`);
    expect(await page.locator('.run-plan').textContent()).toContain('nothing was read from the apps');
    await screenshot(page, 'test-02-last-run-records');

    // Each step shows what it received and made of a record in that test.
    await card(page, 'as-product').click();
    const io = page.getByRole('region', { name: 'Input and output of the last run' });
    await expect.poll(() => io.textContent(), { timeout: 10_000 }).toMatch(/In the last dry run .*Record 1 of \d+/);
    expect(await io.getByRole('heading', { name: 'Input' }).count()).toBe(1);
    expect(await io.getByRole('heading', { name: 'Output' }).count()).toBe(1);
    await io.getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => io.textContent()).toMatch(/Record 2 of/);
    await io.scrollIntoViewIfNeeded();
    await screenshot(page, 'test-03-step-input-output');

    // Pin records of the last run on the source: dry runs use them (and say so), the card shows it.
    await card(page, 'articles').click();
    await page.getByRole('button', { name: /Pin records of the last run/ }).click();
    await expect.poll(() => card(page, 'articles').locator('.badge.pin, .node-lod-head .count').first().textContent()).toMatch(/20/);
    await expect.poll(() => page.locator('.test-records').textContent()).toContain('20 records pinned.');
    await screenshot(page, 'test-04-pinned');
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run on the pinned test records finished').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain('“Articles from MplusKASSA” used its 20 pinned test records.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Unpin' }).click();

    // Read everything again: first the consequences, then a dry run that reads every article.
    await page.getByRole('button', { name: 'Other ways to test' }).click();
    await page.getByRole('menuitem', { name: 'Read everything again…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Read everything again?' });
    await expect.poll(() => dialog.textContent()).toContain('Nothing is created twice.');
    expect(await dialog.textContent()).toContain('the next real or scheduled run');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'test-05-read-everything-again');
    await dialog.getByRole('button', { name: 'Read everything again', exact: true }).click();
    await page.getByText('Dry run finished').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.run-plan').textContent()).toContain(`“Articles from MplusKASSA” read ${read} records.`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
