/**
 * Where the app's own pages come from. Built, the renderer is served on a custom scheme
 * (`app://sincro/`) rather than file://: a file:// page gets no response headers (so no CSP header)
 * and shares its origin with every file on disk. In development it is electron-vite's dev server,
 * and only then: a packaged app ignores ELECTRON_RENDERER_URL, so an environment variable cannot
 * point it at someone else's page.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'sincro';

/** The protocol and host a URL of the app has (URL.origin is "null" for custom schemes in Node, so compare these). */
export interface AppOrigin {
  protocol: string;
  host: string;
}

export type RendererLocation = { kind: 'built'; origin: AppOrigin; entryUrl: string } | { kind: 'dev-server'; origin: AppOrigin; entryUrl: string };

export const BUILT_ORIGIN: AppOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };
export const BUILT_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function rendererLocation(opts: { isPackaged: boolean; devServerUrl?: string | undefined }): RendererLocation {
  const dev = !opts.isPackaged && opts.devServerUrl ? parseUrl(opts.devServerUrl) : undefined;
  if (dev && dev.protocol === 'http:' && LOOPBACK.has(dev.hostname)) {
    return { kind: 'dev-server', origin: { protocol: dev.protocol, host: dev.host }, entryUrl: dev.href };
  }
  return { kind: 'built', origin: BUILT_ORIGIN, entryUrl: BUILT_ENTRY_URL };
}

/** Whether a URL is one of the app's own pages. */
export function isAppUrl(url: string | null | undefined, origin: AppOrigin): boolean {
  const u = url ? parseUrl(url) : undefined;
  return !!u && u.protocol === origin.protocol && u.host === origin.host && !u.username && !u.password;
}

export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
