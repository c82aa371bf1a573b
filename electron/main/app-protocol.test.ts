import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppFileHandler, resolveInside } from './app-protocol';

const base = mkdtempSync(join(tmpdir(), 'sincro-renderer-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sincro</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppFileHandler({ rootDir: root, contentSecurityPolicy: "default-src 'self'" });
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the built renderer with its type and the CSP on every response', async () => {
    const page = await get('app://sincro/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Sincro</title>');
    const script = await get('app://sincro/assets/index-abc.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://sincro/')).status).toBe(200);
  });

  it('answers in-app paths with the page, but a missing file with 404', async () => {
    expect(await (await get('app://sincro/flows/abc')).text()).toContain('<title>Sincro</title>');
    const missing = await get('app://sincro/assets/gone.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe("default-src 'self'");
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await get(`app://sincro${path}`);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('outside the renderer');
    }
    // A URL path is rooted, so '..' stops at the renderer folder.
    expect(resolveInside(root, '/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveInside(root, '/assets/..%2f..%2f..%2fsecret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveInside(root, '/%E0%A4%A')).toBeUndefined();
    expect(resolveInside(root, '/a%00.js')).toBeUndefined();
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
  });

  it('says so when the renderer is not built, instead of failing the request', async () => {
    const empty = createAppFileHandler({ rootDir: join(base, 'not-built'), contentSecurityPolicy: 'x' });
    const res = await empty(new Request('app://sincro/index.html'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('The screen is not built: run `npm run build`.');
  });

  it('serves only its own host and only reads', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://sincro/index.html', 'POST')).status).toBe(405);
    const head = await get('app://sincro/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
