/**
 * Serves the built renderer on app://sincro/ (registered in main with protocol.handle). Plain
 * Node (fs, Request, Response), so it is tested without Electron. Every response carries the CSP
 * header, which is why the app does not load its pages from file:// (no headers there).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { APP_HOST } from './app-origin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

export function createAppFileHandler(opts: { rootDir: string; contentSecurityPolicy: string }): (request: Request) => Promise<Response> {
  const root = resolve(opts.rootDir);
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': opts.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  const plain = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    const file = resolveInside(root, url.pathname);
    if (!file) return plain(403, 'Forbidden');
    if (!(await isFile(join(root, 'index.html')))) return plain(404, 'The screen is not built: run `npm run build`.');
    // In-app paths (no extension) get the page; a missing asset is a plain 404.
    const found = (await isFile(file)) ? file : extname(file) ? undefined : join(root, 'index.html');
    if (!found) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await readFile(found);
    return new Response(body, { status: 200, headers: headers(TYPES[extname(found).toLowerCase()] ?? 'application/octet-stream') });
  };
}

/** The file a URL path names inside root, or undefined when it would lead outside. */
export function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = resolve(root, rel || 'index.html');
  return file === root || file.startsWith(root + sep) ? (file === root ? join(root, 'index.html') : file) : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
