import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flow, runTestFlow, testStore } from '../testing/golden';

/** A real API on 127.0.0.1 that can be told to misbehave per request. */
let server: Server;
let base = '';
let received: Array<{ method: string; url: string; body: unknown; auth?: string }> = [];
let script: Array<(res: ServerResponse) => void> = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const step = script.shift();
      setTimeout(() => {
        inFlight--;
        if (step) return step(res);
        received.push({ method: req.method ?? '', url: req.url ?? '', body: body ? (JSON.parse(body) as unknown) : undefined, auth: req.headers.authorization });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { id: `t-${received.length}` } }));
      }, 5);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  received = [];
  script = [];
  maxInFlight = 0;
});

const records = Array.from({ length: 20 }, (_, i) => ({ id: `o${i + 1}`, total: i }));
const httpFlow = (config: Record<string, unknown>, recs: unknown[] = records) =>
  flow({
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { keyField: 'id', records: recs } },
      { id: 'send', type: 'http.target.request', config: { url: `${base}/orders/{{id}}`, idField: 'data.id', retries: 3, ...config } },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
  });

describe('http.target.request (golden)', () => {
  it('sends every record, several at once, and records the id the API gave', async () => {
    const run = await runTestFlow(httpFlow({ concurrency: 4, body: '{"amount": total}' }));
    expect(run.summary.status).toBe('succeeded');
    expect(received).toHaveLength(20);
    expect(received.find((r) => r.url === '/orders/o3')?.body).toEqual({ amount: 2 });
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(run.records.every((r) => r.targetId?.startsWith('t-'))).toBe(true);
  });

  it('retries 429 (after Retry-After) and 5xx until the API takes the record', async () => {
    script = [
      (res) => res.writeHead(429, { 'retry-after': '0' }).end(),
      (res) => res.writeHead(503).end('busy'),
      (res) => res.writeHead(500).end('oops'),
    ];
    const run = await runTestFlow(httpFlow({ concurrency: 1 }, records.slice(0, 2)));
    expect(run.summary.status).toBe('succeeded');
    expect(received.map((r) => r.url)).toEqual(['/orders/o1', '/orders/o2']);
  });

  it('fails a refused record alone, with what the API said', async () => {
    script = [(res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"email is invalid"}')];
    const run = await runTestFlow(httpFlow({ concurrency: 1 }, records.slice(0, 3)));
    expect(run.summary.status).toBe('partial');
    expect(run.records.map((r) => r.status)).toEqual(['failed', 'ok', 'ok']);
    expect(run.records[0]?.message).toBe(`POST ${base}/orders/o1 was refused: HTTP 422 {"error":"email is invalid"}`);
  });

  it('gives up after the retries and fails the record with the last answer', async () => {
    script = Array.from({ length: 4 }, () => (res: ServerResponse) => res.writeHead(502).end('bad gateway'));
    const run = await runTestFlow(httpFlow({ concurrency: 1, retries: 3 }, records.slice(0, 1)));
    expect(run.records[0]?.message).toBe(`POST ${base}/orders/o1 kept failing: the server answered HTTP 502 bad gateway`);
  });

  it('with "send once", a second run sends nothing again', async () => {
    const store = testStore();
    try {
      await runTestFlow(httpFlow({ resend: 'once', entity: 'order' }, records.slice(0, 5)), { store });
      const again = await runTestFlow(httpFlow({ resend: 'once', entity: 'order' }, records.slice(0, 6)), { store });
      expect(received).toHaveLength(6);
      expect(again.summary.nodes['send']).toMatchObject({ created: 1, skipped: 5 });
    } finally {
      store.dispose();
    }
  });

  it('sends nothing in a dry run', async () => {
    const run = await runTestFlow(httpFlow({}), { dryRun: true });
    expect(received).toHaveLength(0);
    expect(run.summary.nodes['send']).toMatchObject({ created: 20 });
    expect(run.records[0]?.lineage.at(-1)?.note).toBe(`would send POST ${base}/orders/o1`);
  });

  it('takes the credentials from a stored connection, never from the flow', async () => {
    const store = testStore();
    try {
      store.connections.add({ id: 'api', kind: 'http', name: 'API', config: { baseUrl: base, auth: 'bearer' }, secrets: { token: 's3cret' } });
      const run = await runTestFlow(httpFlow({ connection: 'api', url: '/orders/{{id}}' }, records.slice(0, 1)), { store });
      expect(run.summary.status).toBe('succeeded');
      expect(received[0]?.auth).toBe('Bearer s3cret');
      const stored = store.runs.records(run.summary.runId);
      expect(JSON.stringify(stored)).not.toContain('s3cret');
    } finally {
      store.dispose();
    }
  });
});
