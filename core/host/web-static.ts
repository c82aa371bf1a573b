/**
 * The built screen (dist-web) for `sincro serve`: a file under the folder, or index.html for any
 * other path (the screen routes itself). Nothing outside the folder is served.
 */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { sendJson, shownPath } from './web-answer';
import { decodedPath } from './web-request';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** `staticDir` is absolute and exists; undefined when the screen is not built. */
export function serveStatic(res: ServerResponse, staticDir: string | undefined, pathname: string): void {
  if (!staticDir) return sendJson(res, 404, { error: 'The screen is not built: run `npm run build:web`.', code: 'not-found' });
  const decoded = decodedPath(pathname);
  if (decoded === undefined) return sendJson(res, 400, { error: `The address ${shownPath(pathname)} is not valid: a %-escape in it is not UTF-8.`, code: 'bad-input' });
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(staticDir, rel || 'index.html');
  if (!file.startsWith(staticDir + sep) && file !== staticDir) return sendJson(res, 403, { error: 'Forbidden', code: 'bad-input' });
  if (!isFile(file)) file = join(staticDir, 'index.html');
  const stream = createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    // pipeline ends or destroys both sides on any error (a file that vanished, a client that left).
    pipeline(stream, res, () => undefined);
  });
  stream.on('error', () => {
    if (!res.headersSent) sendJson(res, 404, { error: `${shownPath(decoded)} could not be read.`, code: 'not-found' });
  });
}

/** False for anything that is not a readable regular file name, a NUL in the name included. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
