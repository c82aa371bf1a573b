/**
 * `sincro serve`: the same API as the desktop app, over HTTP and WebSocket on 127.0.0.1, plus the
 * built screen. Browser tests use it, and so can someone who runs the engine on a server (behind
 * their own tunnel). Every API call needs the per-start token, which the printed address carries
 * in its #fragment (never sent to the server in the page request). Requests for any other host name
 * are refused, so a web page elsewhere cannot reach the API through DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiErrorBody } from '../api/contract';
import { ApiError } from './api-error';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import type { ApiService } from './api-service';

const MAX_BODY = 25 * 1024 * 1024;
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

export interface WebHost {
  url: string;
  /** The address to open: the URL with the token in its fragment. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebHostOptions {
  api: ApiService;
  port?: number;
  /** The built renderer (dist-web); without it only the API is served. */
  staticDir?: string;
  token?: string;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticDir = opts.staticDir && existsSync(opts.staticDir) ? resolve(opts.staticDir) : undefined;
  let port = opts.port ?? 0;

  const allowedHost = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const tokenOk = (given: string | null | undefined) => {
    const b = Buffer.from(given ?? '');
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const server: Server = createServer((req, res) => {
    if (!allowedHost(req)) return send(res, 421, { error: 'Unknown host', code: 'bad-input' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return void handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Method not allowed', code: 'bad-input' });
    serveStatic(res, url.pathname);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const m = /^\/api\/call\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!m || req.method !== 'POST') return send(res, 404, { error: 'Not found', code: 'not-found' });
    if (!tokenOk(req.headers['x-sincro-token'] as string | undefined)) return send(res, 401, { error: 'This page needs the address printed by `sincro serve` (with its #token).', code: 'bad-input' });
    let input: unknown;
    try {
      input = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return send(res, 400, { error: 'The request body is not valid JSON.', code: 'bad-input' });
    }
    try {
      const result = await opts.api.call(m[1] as string, input);
      send(res, 200, { result: result ?? null });
    } catch (e) {
      if (e instanceof ApiError) return send(res, e.code === 'not-found' ? 404 : e.code === 'bad-input' ? 400 : 500, { error: e.message, code: e.code, ...(e.problems ? { problems: e.problems } : {}) });
      send(res, 500, { error: e instanceof Error ? e.message : String(e), code: 'failed' });
    }
  }

  function serveStatic(res: ServerResponse, pathname: string) {
    if (!staticDir) return send(res, 404, { error: 'The screen is not built: run `npm run build:web`.', code: 'not-found' });
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticDir, rel || 'index.html');
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 403, { error: 'Forbidden', code: 'bad-input' });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const sameOrigin = !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (!allowedHost(req) || !sameOrigin || url.pathname !== '/api/events' || !tokenOk(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const forward = (event: unknown) => {
    const text = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  opts.api.events.on('event', forward);

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: async () => {
      opts.api.events.off('event', forward);
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(res: ServerResponse, status: number, body: { result: unknown } | ApiErrorBody) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('The request is too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
