/**
 * The MplusKASSA sandbox: a real HTTP server on 127.0.0.1 that speaks the vendor's SOAP contract
 * (POST /?ident=…&secret=…, `GET /?wsdl`, 405 on a plain GET, SOAP faults with HTTP 500) over
 * seeded data, for the product (`sincro sandbox`) and the tests.
 *
 * Control paths outside the vendor contract, never faulted:
 *   GET  /__sandbox/state    every entity as JSON
 *   GET  /__sandbox/seed     the state as a seed that loads back exactly (edit it, then reset with it)
 *   GET  /__sandbox/stats    how many calls of each operation were answered
 *   POST /__sandbox/reset    body: a seed (SEED.md), `{ "mplus": seed }`, or empty for the demo seed
 *   POST /__sandbox/faults   body: { "spec": "error5xx=0.1,latency=20-80" }
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { FaultInjector, noFaults, parseFaults, type FaultSpec } from '../../sandbox-faults';
import { MplusShapeError } from '../errors';
import { buildFaultEnvelope, buildResponseEnvelope, MalformedEnvelopeError, parseEnvelope } from '../soap-envelope';
import { decodeElement } from '../xml-codec';
import { operationElements, operationForRequestElement } from '../xsd-model';
import { demoMplusSeed } from './demo-seed';
import { sandboxHandlers } from './dispatch';
import { storeFromSeed } from './load-seed';
import { seedFromStore } from './save-seed';
import { parseMplusSeed, type MplusSeed } from './seed';
import { SoapFault } from './soap-fault';
import type { MplusSandboxSnapshot, MplusSandboxStore } from './store';

export interface SandboxExchange {
  operation: string;
  status: number;
  requestXml: string;
  responseXml: string;
  /** The request's SOAPAction, Content-Type and X-Request-Id headers. */
  headers: { soapAction?: string; contentType?: string; requestId?: string };
}

export interface MplusSandboxOptions {
  /** 0 / left out = an ephemeral port. */
  port?: number;
  /** A seed (SEED.md) or its JSON value; left out = the demo shop. */
  seed?: unknown;
  faults?: FaultSpec | string;
  ident?: string;
  secret?: string;
  /** The sandbox clock (timestamps, order numbers). */
  now?: () => Date;
  /** Sees every vendor exchange that got an answer (logs, fidelity tests). */
  onExchange?(exchange: SandboxExchange): void;
  /** Called after every call that may have changed the data (writes, resets), e.g. to save it. */
  onChange?(): void;
  /** false: the listening server does not keep the process alive (a CLI run may end while it listens). Default true. */
  keepProcessAlive?: boolean;
}

export interface MplusSandbox {
  /** Base URL for MplusClient, e.g. http://127.0.0.1:40123 */
  url: string;
  ident: string;
  secret: string;
  port: number;
  close(): Promise<void>;
  state(): MplusSandboxSnapshot;
  /** Everything the sandbox holds, as a seed that loads back into exactly this state (save-seed.ts). */
  snapshot(): MplusSeed;
  reset(seed?: unknown): void;
  faults: FaultInjector;
  /** The live store (tests). */
  store(): MplusSandboxStore;
}

/** The vendor's reads are named get… and find…; every other operation may change the data. */
const isRead = (op: string) => op.startsWith('get') || op.startsWith('find');

const wsdlPath = fileURLToPath(new URL('../wsdl/mplusqapi.wsdl', import.meta.url));
const MAX_BODY = 50 * 1024 * 1024;
const XML = 'text/xml; charset=utf-8';

function seedFrom(value: unknown) {
  if (value === undefined || value === null || value === '') return parseMplusSeed(demoMplusSeed());
  const inner = typeof value === 'object' && 'mplus' in value && !('vatGroups' in value) ? (value as { mplus: unknown }).mplus : value;
  return parseMplusSeed(inner);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startMplusSandbox(options: MplusSandboxOptions = {}): Promise<MplusSandbox> {
  const ident = options.ident ?? 'sandbox';
  const secret = options.secret ?? 'sandbox-secret';
  const now = options.now ?? (() => new Date());
  let store = storeFromSeed(seedFrom(options.seed), now);
  const faults = new FaultInjector(typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? noFaults));
  let wsdl: string | undefined;
  const operations: Record<string, number> = {};

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2));

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : '';
    try {
      if (req.method === 'GET' && path === '/__sandbox/state') return json(res, 200, store.snapshot());
      // The state as a seed that loads back exactly: save it, edit it, POST it to /__sandbox/reset.
      if (req.method === 'GET' && path === '/__sandbox/seed') return json(res, 200, seedFromStore(store));
      // How many calls of each operation were answered (tests count a rerun's requests with it).
      if (req.method === 'GET' && path === '/__sandbox/stats') return json(res, 200, { operations });
      if (req.method === 'POST' && path === '/__sandbox/reset') {
        store = storeFromSeed(seedFrom(body.trim() ? (JSON.parse(body) as unknown) : undefined), now);
        options.onChange?.();
        return json(res, 200, { ok: true, syncMarkers: store.markers });
      }
      if (req.method === 'POST' && path === '/__sandbox/faults') {
        const spec = (JSON.parse(body || '{}') as { spec?: unknown }).spec;
        faults.configure(parseFaults(typeof spec === 'string' ? spec : ''));
        return json(res, 200, { ok: true, faults: faults.current });
      }
      return json(res, 404, { error: `no control path ${req.method} ${path}` });
    } catch (error) {
      return json(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async function vendor(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestXml = req.method === 'POST' ? await readBody(req) : '';
    const decision = faults.next();
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    switch (decision.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'error5xx':
        return send(res, 500, XML, buildFaultEnvelope('Server.Unavailable', 'The service is temporarily unavailable (sandbox fault injection).'));
      case 'rate429':
        // MplusKASSA documents no rate limit; this exists to test the client's 429 handling.
        return send(res, 429, 'text/plain; charset=utf-8', 'Too Many Requests', { 'Retry-After': '1' });
      case 'malformed':
        return send(res, 200, XML, '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><ns:Get');
      case 'none':
        break;
    }
    if (req.method === 'GET' && url.searchParams.has('wsdl')) {
      wsdl ??= readFileSync(wsdlPath, 'utf8');
      return send(res, 200, XML, wsdl);
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', { Allow: 'POST' });

    let operation = '?';
    const answer = (status: number, responseXml: string) => {
      send(res, status, XML, responseXml, { 'Mplus-Service-Version': '67.1.3' });
      operations[operation] = (operations[operation] ?? 0) + 1;
      const header = (name: string) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
      const headers = { soapAction: header('soapaction'), contentType: header('content-type'), requestId: header('x-request-id') };
      options.onExchange?.({ operation, status, requestXml, responseXml, headers });
    };
    try {
      if (url.searchParams.get('ident') !== ident || url.searchParams.get('secret') !== secret) {
        throw new SoapFault('Client.Authentication', 'Invalid ident or secret.');
      }
      let envelope;
      try {
        envelope = parseEnvelope(requestXml);
      } catch (error) {
        if (error instanceof MalformedEnvelopeError) throw new SoapFault('Client.MalformedXml', `The request is not a SOAP message: ${error.message}`);
        throw error;
      }
      if (envelope.kind === 'fault') throw new SoapFault('Client.Validation', 'A request cannot be a SOAP Fault.');
      const op = operationForRequestElement(envelope.element.name);
      if (!op) throw new SoapFault('Client.UnknownOperation', `Unknown operation ${envelope.element.name}.`);
      operation = op;
      let body;
      try {
        body = decodeElement(operationElements(op).request, envelope.element, { strict: true });
      } catch (error) {
        if (error instanceof MplusShapeError) throw new SoapFault('Client.Validation', `The request does not match the WSDL: ${error.message}`);
        throw error;
      }
      try {
        answer(200, buildResponseEnvelope(op, sandboxHandlers[op](store, body)));
      } finally {
        if (!isRead(op)) options.onChange?.();
      }
    } catch (error) {
      if (error instanceof SoapFault) return answer(500, buildFaultEnvelope(error.code, error.message));
      answer(500, buildFaultEnvelope('Server.Internal', `Sandbox error: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const work = url.pathname.startsWith('/__sandbox/') ? control(req, res, url.pathname) : vendor(req, res, url);
    work.catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (options.keepProcessAlive === false) server.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    ident,
    secret,
    port,
    faults,
    state: () => store.snapshot(),
    snapshot: () => seedFromStore(store),
    reset: (seed?: unknown) => {
      store = storeFromSeed(seedFrom(seed), now);
      options.onChange?.();
    },
    store: () => store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
