/**
 * Every main screen in both themes: no serious or critical axe-core violation, nothing wider than
 * the window, and a screenshot of each under test-results/screenshots/. Also at 150 % zoom (the
 * same CSS pixels as a 853×533 window) for Home and the editor.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from './fixtures/demo-flow';
import { seriousViolations } from './support/axe';
import { launchBrowser, openScreen, screenshot, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let browser: Browser;
let runId = '';

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  await app.call('flows.save', { doc: demoFlow() });
  await app.call('flows.save', { doc: { ...demoFlow('demo-scheduled', 'Customers every morning'), schedule: { enabled: true, cron: '0 6 * * *' } } });
  runId = (await app.call<{ runId: string }>('runs.start', { flowId: 'demo-orders', dryRun: false })).runId;
  await app.call('connections.add', { kind: 'http', name: 'Webshop API', config: { baseUrl: 'https://shop.example.com/api', auth: 'bearer' }, secrets: { token: 'not-a-real-token' } }).catch(() => undefined);
  // A flow made from a template on demo (sandbox) connections: connection pickers, settings, apps.
  const mplus = await app.call<{ id: string }>('connections.addSandbox', { app: 'mplus' });
  const teamleader = await app.call<{ id: string }>('connections.addSandbox', { app: 'teamleader' });
  await app.call('templates.create', { template: 'customers-teamleader-to-mplus', flowId: 'customers', connections: { mplus: mplus.id, teamleader: teamleader.id }, settings: {} });
  for (let i = 0; i < 50 && (await app.call<{ status: string } | null>('runs.get', { runId }))?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}

const screens: Array<{ name: string; path: () => string; ready: string; prepare?(page: Page): Promise<void> }> = [
  { name: 'home', path: () => '#/', ready: 'h1:has-text("Flows")' },
  {
    name: 'editor',
    path: () => '#/flows/demo-orders',
    ready: '.react-flow__node[data-id="map"]',
    async prepare(page) {
      await page.locator('.react-flow__node[data-id="payment"]').click();
      await page.getByRole('button', { name: /^Run Ctrl\+J/ }).click();
      await page.getByText('1 record failed at “Payment method”').waitFor();
    },
  },
  {
    name: 'editor-template',
    path: () => '#/flows/customers',
    ready: '.react-flow__node[data-id="customer"]',
    async prepare(page) {
      await page.locator('.react-flow__node[data-id="vat-method"]').click();
      await page.getByText('From the flow setting').first().waitFor();
    },
  },
  { name: 'run-history', path: () => '#/runs', ready: 'h1:has-text("Run history")' },
  {
    name: 'run-records',
    path: () => `#/runs/${runId}`,
    ready: 'h1:has-text("Web orders")',
    async prepare(page) {
      await page.getByRole('tab', { name: /Records/ }).click();
      await page.getByRole('option', { name: /WEB-1005/ }).click();
      await page.getByText('What was read').waitFor();
    },
  },
  { name: 'connections', path: () => '#/connections', ready: 'h1:has-text("Connections")' },
  { name: 'dashboard', path: () => '#/dashboard', ready: '.recharts-surface' },
  { name: 'settings', path: () => '#/settings', ready: 'h1:has-text("Settings")' },
  { name: 'wizard', path: () => '#/wizard', ready: 'h1:has-text("Set up Sincro")' },
];

describe('the main screens', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`pass axe-core and fit the window (${theme})`, async () => {
      const { page, context, errors } = await openScreen(browser, app, { theme });
      const problems: string[] = [];
      for (const s of screens) {
        await page.goto(`${app.host.url}${s.path()}`);
        await page.locator(s.ready).first().waitFor({ timeout: 15_000 });
        await s.prepare?.(page);
        await settle(page);
        await noHorizontalOverflow(page);
        await screenshot(page, `${s.name}-${theme}`);
        for (const v of await seriousViolations(page)) problems.push(`${s.name}: ${v}`);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('stay readable at 150 % zoom', async () => {
    const context = await browser.newContext({ viewport: { width: 853, height: 533 }, deviceScaleFactor: 1.5 });
    const page = await context.newPage();
    await page.goto(app.host.openUrl);
    for (const s of [screens[0], screens[1]]) {
      if (!s) continue;
      await page.goto(`${app.host.url}${s.path()}`);
      await page.locator(s.ready).first().waitFor({ timeout: 15_000 });
      await settle(page);
      await noHorizontalOverflow(page);
      // The top bar's controls do not overlap one another.
      const boxes = await page
        .locator('.editor-topbar > *:visible:not(.visually-hidden), .page-header > *:visible')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 2).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
      for (let i = 1; i < boxes.length; i++) {
        const a = boxes[i - 1];
        const b = boxes[i];
        if (a && b && a.t < b.b && b.t < a.b) expect(b.l, `controls ${i - 1} and ${i} of ${s.name} overlap`).toBeGreaterThanOrEqual(a.r - 1);
      }
      await screenshot(page, `${s.name}-zoom150`);
    }
    await context.close();
  });
});
