/**
 * `sincro serve`: the same API as the desktop app, over HTTP and WebSocket on 127.0.0.1, plus the
 * built screen. Browser tests use it, and so can someone who runs the engine on a server (behind
 * their own tunnel). Every API call needs the per-start token, which the printed address carries
 * in its #fragment (never sent to the server in the page request). Requests for any other host name
 * are refused, so a web page elsewhere cannot reach the API through DNS rebinding.
 *
 * Any local process can send anything to this port, and one error thrown out of a handler would
 * end the process and the runs in it: every handler answers its errors (400/500 in the API's error
 * shape, never a stack trace) instead of throwing them.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import type { ApiService } from './api-service';
import { answerOnSocket, messageOf, sendJson } from './web-answer';
import { handleApiRequest } from './web-api-route';
import { handleDownload } from './web-download-route';
import { createEventsSocket } from './web-events-socket';
import { requestUrl } from './web-request';
import { serveStatic } from './web-static';

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
  /** Where to say that a request failed unexpectedly (the client gets a 500 without details). */
  log?: (line: string) => void;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticDir = opts.staticDir && existsSync(opts.staticDir) ? resolve(opts.staticDir) : undefined;
  const log = opts.log ?? (() => undefined);
  let port = opts.port ?? 0;

  const allowedHost = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const tokenOk = (given: string | null | undefined) => {
    const b = Buffer.from(given ?? '');
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };

  const route = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    if (!allowedHost(req)) return sendJson(res, 421, { error: 'Unknown host', code: 'bad-input' });
    const url = requestUrl(req, port);
    if (!url) return sendJson(res, 400, { error: 'The address of the request cannot be read.', code: 'bad-input' });
    if (url.pathname.startsWith('/api/download/')) return handleDownload(opts.api, req, res, url.pathname);
    if (url.pathname.startsWith('/api/')) return handleApiRequest({ api: opts.api, tokenOk }, req, res, url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed', code: 'bad-input' }, { allow: 'GET, HEAD' });
    serveStatic(res, staticDir, url.pathname);
  };

  const unexpected = (req: IncomingMessage, res: ServerResponse | undefined, e: unknown) => {
    log(`sincro serve: ${req.method} ${req.url?.slice(0, 200)} failed: ${messageOf(e)}`);
    if (res && !res.headersSent) sendJson(res, 500, { error: 'The server could not answer this request.', code: 'failed' });
    else res?.destroy();
  };

  const server: Server = createServer((req, res) => {
    try {
      const pending = route(req, res);
      if (pending) pending.catch((e: unknown) => unexpected(req, res, e));
    } catch (e) {
      unexpected(req, res, e);
    }
  });

  const events = createEventsSocket(opts.api, { port: () => port, allowedHost, tokenOk });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      events.handleUpgrade(req, socket, head);
    } catch (e) {
      unexpected(req, undefined, e);
      answerOnSocket(socket, 500, { error: 'The server could not answer this request.', code: 'failed' });
    }
  });
  server.on('clientError', answerUnreadableRequest);

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  server.on('error', (e) => log(`sincro serve: ${messageOf(e)}`));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * A request the HTTP parser could not read (a broken request line, headers too large, a body that
 * is not what its headers said). Node's own answer would be a bare 400; this one says what.
 */
function answerUnreadableRequest(err: NodeJS.ErrnoException, socket: Duplex): void {
  // An answer already on its way on this connection (a pipelined request) must not be interleaved.
  const answering = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (err.code === 'ECONNRESET' || answering?.headersSent) return void socket.destroy();
  const [status, error] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'The request headers are too large.'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'The request took too long.'] : [400, 'The request is not valid HTTP.'];
  answerOnSocket(socket, status, { error, code: 'bad-input' });
}
