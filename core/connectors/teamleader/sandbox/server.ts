/**
 * A local Teamleader Focus: a real HTTP server on 127.0.0.1 that speaks the API of the endpoints
 * Sincro uses, with OAuth 2, the rate limit, validation, paging, `updated_since`, the invoice life
 * cycle with its credit notes, and fault injection. The product uses it for the "sandbox connection"
 * and demos; tests use it as the other end of the client; dredd checks it against the official blueprint.
 *
 * Paths:
 *   POST /<resource>.<action>        the API (GET also works for reads, as the guidelines allow)
 *   GET  /oauth2/authorize           consents at once, redirects with code and state
 *   POST /oauth2/access_token        authorization_code and refresh_token grants
 *   GET  /__sandbox/state            every entity as JSON (a valid seed, without the OAuth state)
 *   POST /__sandbox/reset            body: a seed, `{ "teamleader": seed }`, or empty for the demo seed
 *   POST /__sandbox/faults           body: `{ "spec": "error5xx=0.1,latency=20-80" }`
 *   GET  /__sandbox/stats            requests answered, per endpoint and per kind (request-kind.ts)
 *   GET  /web/<page>?id=…            the record a `web_url` points at, as a readable page
 * Faults apply to API paths only; OAuth and control paths are never faulted, so a fault run cannot
 * burn the single-use refresh token.
 *
 * `snapshot()` is the whole state including the OAuth clients and valid tokens (SEED.md), and
 * `onChange` tells about every change, so a sandbox connection can keep its sandbox in a file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, FaultSpecError, parseFaults, type FaultSpec } from '../../sandbox-faults';
import type { OAuthTokens } from '../oauth';
import { ApiError } from './api-error';
import { demoTeamleaderSeed } from './demo-seed';
import { creditNoteHandlers } from './handlers/credit-notes';
import { crmHandlers } from './handlers/crm';
import { dealHandlers } from './handlers/deals';
import { generalHandlers } from './handlers/general';
import { invoicingHandlers } from './handlers/invoicing';
import { productHandlers } from './handlers/products';
import type { Handler, HandlerContext } from './handlers/types';
import { SandboxOAuth } from './oauth-server';
import { queryToBody } from './query-body';
import { RateWindow, resetHeader } from './rate-window';
import { requestKind, type RequestKind } from './request-kind';
import { parseTeamleaderSeed, TeamleaderSeedError, type TeamleaderSeed } from './seed-schema';
import { SandboxStore } from './store';

export interface TeamleaderSandboxOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** A seed (parsed or raw JSON value); default the demo shop's. */
  seed?: unknown;
  faults?: FaultSpec | string;
  /** Access-token lifetime. Default 3600 (Teamleader's). */
  tokenLifetimeSec?: number;
  clientId?: string;
  clientSecret?: string;
  /** Default 200 requests per 60 s, Teamleader's documented limit. */
  rateLimit?: { limit?: number; windowMs?: number };
  /** Largest accepted `page.size` (400 above it); null for no cap. Default 100 ([T][I]). */
  maxPageSize?: number | null;
  /** Clock for timestamps, tokens and the rate window. */
  now?: () => number;
  /** Keep every API request body in `requestLog()` (tests, debugging what Sincro sent). */
  recordRequests?: boolean;
  /**
   * Told after every change: 'data' after a write through the API or a reset, 'tokens' when the
   * OAuth state changed (a token was issued, rotated or revoked). It is called before the answer is
   * sent, so a rotated refresh token can be saved before the client holds it.
   */
  onChange?(what: 'data' | 'tokens'): void;
  /** false: the listening server does not keep the process alive (a sandbox connection in the CLI). */
  keepProcessAlive?: boolean;
}

export interface SandboxRequestRecord {
  endpoint: string;
  method: string;
  /** The parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  /** The answer's status (0 when the connection was dropped by a fault). */
  status: number;
}

export interface TeamleaderSandboxStats {
  /** API requests (not OAuth or control paths). */
  requests: number;
  rateLimited: number;
  byEndpoint: Record<string, number>;
  /** API requests by kind (request-kind.ts): writes, bulk pages, look-ups of one record by a key, details of one record. */
  byKind: Record<RequestKind, number>;
  /** The same, per endpoint: `{ "contacts.list": { page: 2, lookup: 1 } }`. */
  kindsByEndpoint: Record<string, Partial<Record<RequestKind, number>>>;
  /** POST /oauth2/access_token calls, by grant type. */
  tokenRequests: Record<string, number>;
}

export interface TeamleaderSandbox {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  faults: FaultInjector;
  close(): Promise<void>;
  /** Every entity, as a seed (a deep copy); its `oauth` part is empty. */
  state(): TeamleaderSeed;
  /**
   * Everything needed to start this sandbox again where it is: the data plus the OAuth clients and
   * the tokens still valid. `startTeamleaderSandbox({ seed: snapshot() })` continues from it.
   */
  snapshot(): TeamleaderSeed;
  /** Replaces all data; no argument loads the demo seed. Tokens stay valid; the seed's own clients and tokens are added. */
  reset(seed?: unknown): void;
  /** A ready access + refresh token pair, without the browser. */
  issueTokens(): Promise<OAuthTokens>;
  /** Invalidates all access tokens (refresh tokens keep working). */
  expireAccessTokens(): void;
  /** Invalidates all refresh tokens (as when the integration is uninstalled). */
  revokeRefreshTokens(): void;
  stats(): TeamleaderSandboxStats;
  /** Recorded API requests (only with `recordRequests`). */
  requestLog(): SandboxRequestRecord[];
}

export const sandboxDefaults = { clientId: 'sincro-sandbox', clientSecret: 'sincro-sandbox-secret' } as const;
const API_VERSION = '2023-09-26';
const API_PATH = /^\/([A-Za-z]+\.[A-Za-z]+)$/;
const READ_ACTION = /\.(list|info|me)$/;

const handlers: Record<string, Handler> = {
  ...generalHandlers,
  ...crmHandlers,
  ...productHandlers,
  ...invoicingHandlers,
  ...creditNoteHandlers,
  ...dealHandlers,
};

export const sandboxEndpoints = Object.keys(handlers).sort();

export async function startTeamleaderSandbox(opts: TeamleaderSandboxOptions = {}): Promise<TeamleaderSandbox> {
  const now = opts.now ?? Date.now;
  const clientId = opts.clientId ?? sandboxDefaults.clientId;
  const clientSecret = opts.clientSecret ?? sandboxDefaults.clientSecret;
  const initial = loadSeed(opts.seed);
  const store = new SandboxStore(initial, now);
  const faults = new FaultInjector(typeof opts.faults === 'string' ? parseFaults(opts.faults) : opts.faults);
  const oauth = new SandboxOAuth({ clientId, clientSecret, tokenLifetimeSec: opts.tokenLifetimeSec ?? 3600, now, state: initial.oauth });
  const changed = (what: 'data' | 'tokens') => opts.onChange?.(what);
  const rate = new RateWindow({ limit: opts.rateLimit?.limit ?? 200, windowMs: opts.rateLimit?.windowMs ?? 60_000 }, now);
  const stats: TeamleaderSandboxStats = { requests: 0, rateLimited: 0, byEndpoint: {}, byKind: { write: 0, page: 0, lookup: 0, detail: 0 }, kindsByEndpoint: {}, tokenRequests: {} };
  const log: SandboxRequestRecord[] = [];
  let error5xxToggle = 0;
  let baseUrl = '';
  const ctx = (): HandlerContext => ({ store, baseUrl, paging: { maxPageSize: opts.maxPageSize === undefined ? 100 : opts.maxPageSize } });

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { errors: [{ title: `Sandbox error: ${error instanceof Error ? error.message : String(error)}`, status: 500 }] });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);

    if (url.pathname.startsWith('/__sandbox/')) return control(req.method ?? 'GET', url.pathname, raw, res);
    if (url.pathname === '/oauth2/authorize' && req.method === 'GET') {
      const outcome = oauth.authorize(url.searchParams);
      if (outcome.kind === 'redirect') res.writeHead(302, { Location: outcome.location }).end();
      else res.writeHead(outcome.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(outcome.message);
      return;
    }
    if (url.pathname === '/oauth2/access_token' && req.method === 'POST') {
      const params = formOrJson(raw, req.headers['content-type']);
      const grant = params.grant_type ?? 'none';
      stats.tokenRequests[grant] = (stats.tokenRequests[grant] ?? 0) + 1;
      const outcome = oauth.token(params);
      if (outcome.status === 200) changed('tokens');
      return json(res, outcome.status, outcome.body, { 'Cache-Control': 'no-store' });
    }
    if (url.pathname.startsWith('/web/') && req.method === 'GET') return webPage(url, res);
    if (url.pathname === '/' && req.method === 'GET') {
      return json(res, 200, {
        name: 'Teamleader Focus sandbox (Sincro)',
        api: `${baseUrl}/<resource>.<action>`,
        endpoints: sandboxEndpoints,
        oauth: { authorize: `${baseUrl}/oauth2/authorize`, token: `${baseUrl}/oauth2/access_token`, clientId },
        control: ['GET /__sandbox/state', 'GET /__sandbox/stats', 'POST /__sandbox/reset', 'GET|POST /__sandbox/faults'],
      });
    }

    const m = API_PATH.exec(url.pathname);
    if (!m?.[1]) return json(res, 404, { errors: [{ title: `Not found: ${url.pathname}`, status: 404 }] });
    const endpoint = m[1];
    return api(endpoint, req, url, raw, res);
  }

  async function api(endpoint: string, req: IncomingMessage, url: URL, raw: string, res: ServerResponse): Promise<void> {
    if (opts.recordRequests) {
      let body: unknown;
      try {
        body = raw.trim() ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const record: SandboxRequestRecord = { endpoint, method: req.method ?? '', body, status: 0 };
      log.push(record);
      res.on('finish', () => (record.status = res.statusCode));
    }
    stats.requests++;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    const kind = requestKind(endpoint, req.method === 'GET' ? queryToBody(url.searchParams) : parsedOrEmpty(raw));
    stats.byKind[kind]++;
    const kinds = (stats.kindsByEndpoint[endpoint] ??= {});
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const fault = faults.next();
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    switch (fault.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'error5xx': {
        // Alternate: 500 (may have been processed, as far as a client can tell) and 503 (not processed).
        const status = error5xxToggle++ % 2 === 0 ? 500 : 503;
        return json(res, status, { errors: [{ title: status === 500 ? 'Internal server error' : 'Service unavailable', status }] });
      }
      case 'rate429': {
        stats.rateLimited++;
        const resetAt = now() + 100;
        return json(res, 429, { errors: [{ title: 'Too many requests', status: 429 }] }, rateHeaders({ limit: rate.peek().limit, remaining: 0, resetAt }, true));
      }
      case 'malformed':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data": [{"id": "');
        return;
      case 'none':
        break;
    }

    const check = oauth.checkBearer(req.headers.authorization);
    if (check !== 'ok') {
      const title = check === 'missing' ? 'Unauthorized: no access token was sent' : check === 'expired' ? 'Unauthorized: the access token has expired' : 'Unauthorized: the access token is not valid';
      return json(res, 401, { errors: [{ title, status: 401 }] }, { 'WWW-Authenticate': 'Bearer' });
    }
    const decision = rate.take();
    if (!decision.allowed) {
      stats.rateLimited++;
      return json(res, 429, { errors: [{ title: 'Too many requests: the limit of requests per minute was reached', status: 429 }] }, rateHeaders(decision, true));
    }
    const headers = rateHeaders(decision, false);
    const handler = handlers[endpoint];
    if (!handler) return json(res, 404, { errors: [{ title: `Unknown endpoint ${endpoint}`, status: 404 }] }, headers);

    let body: unknown;
    if (req.method === 'GET' && READ_ACTION.test(endpoint)) body = queryToBody(url.searchParams);
    else if (req.method !== 'POST') return json(res, 405, { errors: [{ title: `Use POST for ${endpoint}`, status: 405 }] }, { ...headers, Allow: 'POST' });
    else if (!raw.trim()) body = {};
    else {
      try {
        body = JSON.parse(raw);
      } catch {
        return json(res, 400, { errors: [{ title: 'The request body is not valid JSON', status: 400 }] }, headers);
      }
    }

    try {
      const result = handler(ctx(), body);
      if (!READ_ACTION.test(endpoint)) changed('data');
      if (result.status === 204) {
        res.writeHead(204, headers).end();
        return;
      }
      return json(res, result.status, result.body, headers);
    } catch (error) {
      if (error instanceof ApiError) return json(res, error.status, error.body(), headers);
      throw error;
    }
  }

  function rateHeaders(d: { limit: number; remaining: number; resetAt: number }, refused: boolean): Record<string, string> {
    const h: Record<string, string> = {
      'X-RateLimit-Limit': String(d.limit),
      'X-RateLimit-Remaining': String(d.remaining),
      'X-RateLimit-Reset': resetHeader(d.resetAt),
      'X-Api-Version': API_VERSION,
    };
    // Not documented by Teamleader; sent for convenience, clients should use X-RateLimit-Reset ([I]).
    if (refused) h['Retry-After'] = String(Math.max(1, Math.ceil((d.resetAt - now()) / 1000)));
    return h;
  }

  function control(method: string, path: string, raw: string, res: ServerResponse): void {
    if (path === '/__sandbox/state' && method === 'GET') return json(res, 200, store.snapshot());
    if (path === '/__sandbox/stats' && method === 'GET') return json(res, 200, stats);
    if (path === '/__sandbox/reset' && method === 'POST') {
      try {
        const value: unknown = raw.trim() ? JSON.parse(raw) : undefined;
        reset(value);
      } catch (error) {
        const message = error instanceof TeamleaderSeedError ? error.message : `The seed could not be read: ${error instanceof Error ? error.message : String(error)}`;
        return json(res, 400, { errors: [{ title: message, status: 400 }] });
      }
      const s = store.state;
      return json(res, 200, { ok: true, contacts: s.contacts.length, companies: s.companies.length, products: s.products.length, invoices: s.invoices.length });
    }
    if (path === '/__sandbox/faults' && method === 'POST') {
      try {
        const value: unknown = raw.trim() ? JSON.parse(raw) : {};
        const spec = typeof value === 'object' && value !== null && 'spec' in value && typeof value.spec === 'string' ? value.spec : '';
        faults.configure(parseFaults(spec));
      } catch (error) {
        const message = error instanceof FaultSpecError ? error.message : 'Send { "spec": "error5xx=0.1,…" }';
        return json(res, 400, { errors: [{ title: message, status: 400 }] });
      }
      return json(res, 200, { spec: faults.current });
    }
    if (path === '/__sandbox/faults' && method === 'GET') return json(res, 200, { spec: faults.current });
    return json(res, 404, { errors: [{ title: `Unknown sandbox control ${method} ${path}`, status: 404 }] });
  }

  function webPage(url: URL, res: ServerResponse): void {
    const id = url.searchParams.get('id') ?? '';
    const s = store.state;
    const record = [...s.contacts, ...s.companies, ...s.deals, ...s.invoices].find((r) => r.id === id);
    const body = record ? JSON.stringify(record, null, 2) : `Nothing with id ${id} in the sandbox.`;
    const html = `<!doctype html><meta charset="utf-8"><title>Teamleader sandbox</title><h1>Teamleader sandbox record</h1><pre>${body.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)}</pre>`;
    res.writeHead(record ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  }

  function reset(seed?: unknown): void {
    const next = loadSeed(seed);
    store.reset(next);
    oauth.importState(next.oauth);
    changed('data');
    if (next.oauth.clients.length || next.oauth.access_tokens.length || next.oauth.refresh_tokens.length) changed('tokens');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  if (opts.keepProcessAlive === false) server.unref();

  return {
    url: baseUrl,
    port,
    clientId,
    clientSecret,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    state: () => store.snapshot(),
    snapshot: () => ({ ...store.snapshot(), oauth: oauth.exportState() }),
    reset,
    issueTokens: async () => {
      const tokens = oauth.issue();
      changed('tokens');
      return tokens;
    },
    expireAccessTokens: () => {
      oauth.expireAccessTokens();
      changed('tokens');
    },
    revokeRefreshTokens: () => {
      oauth.revokeRefreshTokens();
      changed('tokens');
    },
    stats: () => structuredClone(stats),
    requestLog: () => structuredClone(log),
  };
}

/** A full sandbox seed file is `{ "mplus": …, "teamleader": … }`; the Teamleader part or a bare seed is accepted. */
function loadSeed(seed: unknown): TeamleaderSeed {
  if (seed === undefined || seed === null) return demoTeamleaderSeed();
  if (typeof seed === 'object' && 'teamleader' in seed) return parseTeamleaderSeed(seed.teamleader);
  return parseTeamleaderSeed(seed);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Exactly "application/json", as the blueprint's responses declare it.
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

/** A request body for counting its kind: the JSON sent, or nothing when it is not JSON. */
function parsedOrEmpty(raw: string): unknown {
  try {
    return raw.trim() ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 10 * 1024 * 1024) {
        reject(new Error('request body larger than 10 MB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function formOrJson(raw: string, contentType: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if ((contentType ?? '').includes('application/json')) {
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
      }
    } catch {
      // an unreadable body is answered like a body without the fields
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(raw)) out[k] = v;
  return out;
}
