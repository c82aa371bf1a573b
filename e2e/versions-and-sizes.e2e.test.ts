/**
 * Issue 11 §8, versions and sizes: an edit session makes one version, not one per change (before:
 * 20 versions in 17 minutes, mostly without a note); at 150 % zoom or in a 1000 px wide window the
 * sidebar folds into an icon rail and tables scroll instead of losing columns; the dashboard's
 * axis labels are whole, also for large numbers.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;

type Version = { version: number; note: string | null };
const versions = () => app.call<Version[]>('flows.versions', { id: 'demo-orders' });

/** A day's real run with `n` records (as many rows as a busy shop's day), written straight into the history. */
function seedDay(daysAgo: number, n: number, failed: number): void {
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const runId = `run_seed_${daysAgo}`;
  app.store.db
    .prepare("INSERT INTO runs (id, flow_id, flow_version, flow_name, status, dry_run, trigger, started_at, finished_at, counts) VALUES (?, 'big', 1, 'Orders of a busy shop', 'partial', 0, 'schedule', ?, ?, NULL)")
    .run(runId, at, at);
  app.store.db
    .prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)
       INSERT INTO run_records (run_id, seq, source_key, source_node, status, node, lineage) SELECT ?, i, 'order-' || i, 'orders', CASE WHEN i < ? THEN 'failed' ELSE 'ok' END, 'orders', '[]' FROM seq`,
    )
    .run(n, runId, failed);
}

async function sidebarWidth(page: Page): Promise<number> {
  return page.locator('nav.sidebar').evaluate((e) => e.getBoundingClientRect().width);
}

/**
 * Columns a table loses: header cells cut off by a box around the table that does not scroll, or
 * whose own text does not fit. A table whose box scrolls loses nothing: its columns are a scroll away.
 */
async function lostColumns(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const lost = [];
    for (const th of document.querySelectorAll('table th')) {
      const r = th.getBoundingClientRect();
      const name = th.textContent.trim() || '(actions)';
      if (th.scrollWidth > th.clientWidth + 1) lost.push(name + ': its heading does not fit');
      for (let box = th.parentElement; box && box !== document.body; box = box.parentElement) {
        const s = getComputedStyle(box);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') break;
        if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && r.right > box.getBoundingClientRect().right + 1) {
          lost.push(name + ': cut off');
          break;
        }
      }
    }
    return lost;
  })()`);
}

/** Axis labels of the chart that stick out of its drawing. */
async function clippedAxisLabels(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const svg = document.querySelector('.recharts-wrapper > svg.recharts-surface');
    if (!svg) return ['no chart'];
    const box = svg.getBoundingClientRect();
    const out = [];
    for (const t of document.querySelectorAll('.recharts-cartesian-axis-tick-value')) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)) out.push(t.textContent + ' (' + Math.round(r.left - box.left) + '…' + Math.round(r.right - box.left) + ' of ' + Math.round(box.width) + ')');
    }
    return out;
  })()`);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  await app.call('flows.save', { doc: demoFlow(), note: 'imported from web-orders.flow.json' });
  await app.call('flows.save', { doc: demoFlow('a-long-name', 'Invoices of the webshop to Teamleader, with the customers they name') });
  seedDay(3, 4_000, 12);
  seedDay(2, 118_000, 2_000);
  seedDay(1, 37_500, 0);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('versions', () => {
  it('an edit session makes one version; a note keeps it; a run starts the next', async () => {
    const { page, context, errors } = await openScreen(browser, app, { path: '#/flows/demo-orders' });
    await page.locator('.react-flow__node[data-id="map"]').waitFor();
    const description = page.getByLabel('Description');
    // Six changes, each saved by itself a moment later (before: six versions).
    for (let i = 1; i <= 6; i++) {
      await description.fill(`Web orders, change ${i}`);
      await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/Saved · v2/);
      await page.waitForTimeout(300);
    }
    expect(await versions()).toEqual([
      { version: 2, savedAt: expect.any(String), note: null },
      { version: 1, savedAt: expect.any(String), note: 'imported from web-orders.flow.json' },
    ]);
    expect((await app.call<{ doc: { description: string } }>('flows.get', { id: 'demo-orders' })).doc.description).toBe('Web orders, change 6');

    // Kept with a note, from the Versions dialog.
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: /Versions/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Versions' });
    await dialog.getByLabel('Keep this version, with a note').fill('description for the team');
    await screenshot(page, 'versions-01-one-version-per-session');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep' }).click();
    await expect.poll(() => dialog.textContent()).toContain('This version is kept as');
    await screenshot(page, 'versions-02-kept-with-a-note');
    await page.keyboard.press('Escape');
    expect((await versions())[0]).toMatchObject({ version: 2, note: 'description for the team' });

    // The next change is a version of its own; a dry run of it, and the one after starts another.
    await description.fill('Web orders, after the note');
    await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/Saved · v3/);
    await page.getByRole('button', { name: 'Dry run', exact: true }).first().click();
    await page.getByText('Dry run finished').waitFor({ timeout: 20_000 });
    await description.fill('Web orders, after the dry run');
    await expect.poll(() => page.locator('.save-state').textContent(), { timeout: 10_000 }).toMatch(/Saved · v4/);
    expect((await versions()).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('sizes', () => {
  const sizes = [
    { name: 'zoom150', viewport: { width: 853, height: 533 }, deviceScaleFactor: 1.5 },
    { name: 'w1000', viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 },
  ];
  for (const size of sizes) {
    it(`at ${size.name === 'zoom150' ? '150 % zoom' : 'a 1000 px wide window'}: the sidebar folds, tables keep their columns, the chart's labels are whole`, async () => {
      const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
      const page = await context.newPage();
      await page.goto(app.host.openUrl);
      for (const [path, ready, shot] of [
        ['#/', 'h1:has-text("Flows")', 'home'],
        ['#/runs', 'h1:has-text("Run history")', 'runs'],
        ['#/dashboard', '.recharts-surface', 'dashboard'],
      ] as const) {
        await page.goto(`${app.host.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 15_000 });
        await page.waitForTimeout(500);
        expect(await sidebarWidth(page), `the sidebar on ${shot}`).toBeLessThanOrEqual(64);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
        expect(await lostColumns(page), `columns lost on ${shot}`).toEqual([]);
        if (shot === 'dashboard') {
          expect(await clippedAxisLabels(page)).toEqual([]);
          // The largest day reads whole on its axis.
          await page.locator('.recharts-wrapper > svg.recharts-surface').scrollIntoViewIfNeeded();
          expect(await page.locator('.recharts-cartesian-axis-tick-value').allTextContents()).toContain('120,000');
        }
        expect(await seriousViolations(page), `axe on ${shot}`).toEqual([]);
        await screenshot(page, `sizes-${size.name}-${shot}`);
      }
      await context.close();
    });
  }
});
