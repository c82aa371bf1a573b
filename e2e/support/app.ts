/**
 * Starts the real thing for a browser test: a store in a temp folder, the API service, the web
 * host serving dist-web, and Debian's Chromium driven by playwright-core (never a downloaded one).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApiService } from '../../core/host/create-api-service';
import type { ApiService } from '../../core/host/api-service';
import { startWebHost, type WebHost } from '../../core/host/web-host';
import { Store } from '../../core/store/store';

/** Requests a minute the Teamleader sandboxes of a test app allow (the real Teamleader: 200). */
export const SANDBOX_REQUESTS_PER_MINUTE = 3000;

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface RunningApp {
  dir: string;
  store: Store;
  api: ApiService;
  host: WebHost;
  /** Calls the API as the screen does (for setting up a test's starting point). */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sincro-e2e-'));
  const store = Store.open({ dataDir: dir });
  // Teamleader sandboxes made through the app (the wizard's one-click sandbox) allow 3000 requests a
  // minute instead of Teamleader's 200, so a real run of an orders template fits a browser test.
  const api = createApiService(store, 'web', { sandboxRequestsPerMinute: SANDBOX_REQUESTS_PER_MINUTE });
  api.start();
  const host = await startWebHost({ api, staticDir: 'dist-web' });
  return {
    dir,
    store,
    api,
    host,
    call: async <T>(method: string, input: unknown) => (await api.call(method, input)) as T,
    async close() {
      await host.close();
      await api.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Screen {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser context at 1280×800 on the app, in the given theme. */
export async function openScreen(browser: Browser, app: RunningApp, opts: { theme?: 'light' | 'dark'; path?: string } = {}): Promise<Screen> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: opts.theme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  await page.goto(app.host.openUrl);
  if (opts.theme) await page.evaluate(`localStorage.setItem('sincro.theme', ${JSON.stringify(opts.theme)})`);
  if (opts.path || opts.theme) await page.goto(`${app.host.url}${opts.path ?? ''}`);
  await page.waitForSelector('.app-main', { timeout: 20_000 });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** One JSON line per measurement, for the run's log. */
export function report(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, ...extra }));
}
