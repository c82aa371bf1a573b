import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunEvent } from '../api/run-model';
import { flow, testStore } from '../testing/golden';
import { createApiService } from './create-api-service';
import { startWebHost, type WebHost } from './web-host';

const store = testStore();
const api = createApiService(store, 'web');
let host: WebHost;
beforeAll(async () => {
  api.start();
  host = await startWebHost({ api });
});
afterAll(async () => {
  await host.close();
  await api.stop();
  store.dispose();
});

async function call(method: string, input: unknown, headers: Record<string, string> = { 'x-sincro-token': host.token }) {
  const res = await fetch(`${host.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as { result?: unknown; error?: string; problems?: unknown[] } };
}

const doc = flow({
  id: 'demo',
  name: 'Demo',
  nodes: [
    { id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }, { a: 2 }] } },
    { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'b', expr: 'a * 10' }] } },
  ],
  edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }],
});

describe('the web host (sincro serve)', () => {
  it('refuses API calls without the token, and requests for another host name', async () => {
    expect((await call('flows.list', {}, {})).status).toBe(401);
    const status = await new Promise<number>((resolve) => {
      const req = request(`${host.url}api/call/flows.list`, { method: 'POST', headers: { host: 'evil.example.com', 'x-sincro-token': host.token } }, (res) => resolve(res.statusCode ?? 0));
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('validates every input against the contract and names the field', async () => {
    const r = await call('runs.list', { limit: 'many' });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('The request runs.list is not valid: limit must be a number');
  });

  it('saves a flow, runs it, and streams the run events over the WebSocket', async () => {
    const saved = await call('flows.save', { doc });
    expect(saved.body.result).toMatchObject({ version: 1, problems: [], summaries: { src: '2 records', map: '1 field' } });
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((r) => ws.once('open', r));
    const events: RunEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      ws.on('message', (m: Buffer) => {
        const e = JSON.parse(m.toString()) as RunEvent;
        events.push(e);
        if (e.type === 'finished') resolve();
      }),
    );
    const started = await call('runs.start', { flowId: 'demo' });
    await finished;
    ws.close();
    const runId = (started.body.result as { runId: string }).runId;
    expect(events.filter((e) => e.type === 'record')).toHaveLength(2);
    expect((await call('runs.get', { runId })).body.result).toMatchObject({ status: 'succeeded', ok: 2 });
    const records = (await call('runs.records', { runId })).body.result as Array<{ lineage: Array<{ data?: unknown }> }>;
    expect(records[1]?.lineage.at(-1)?.data).toEqual({ b: 20 });
    expect(((await call('runs.records', { runId, afterSeq: 0 })).body.result as unknown[]).length).toBe(1);

    // The export: the browser gets a one-time address to download, which needs no token.
    const exported = (await call('runs.export', { runId, format: 'ndjson' })).body.result as { kind: string; url: string; fileName: string };
    expect(exported).toEqual({ kind: 'download', url: expect.stringMatching(/^api\/download\/[\w-]{32}$/), fileName: `${runId}-records.ndjson` });
    const download = await fetch(new URL(exported.url, host.url));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${runId}-records.ndjson"`);
    expect((await download.text()).trimEnd().split('\n').map((l) => (JSON.parse(l) as { seq: number; outcome: string }).outcome)).toEqual(['ok', 'ok']);
    expect((await fetch(new URL(exported.url, host.url))).status).toBe(404);
    expect((await fetch(`${host.url}api/download/${'x'.repeat(32)}`)).status).toBe(404);
    expect((await call('runs.export', { runId: 'run_nope', format: 'csv' })).status).toBe(404);
  });

  it('refuses a WebSocket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=wrong`);
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('previews a node on sample records, with the error of each failing record', async () => {
    const r = await call('flows.previewNode', { doc, node: 'map', records: [{ a: 3 }, { x: 1 }] });
    expect(r.body.result).toEqual([
      { key: '#1', status: 'ok', port: 'out', output: { b: 30 } },
      { key: '#2', status: 'failed', message: '"b" could not be filled: the expression a * 10 has no value in this record', field: 'b' },
    ]);
  });

  it('says how to build the screen when it is missing', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('npm run build:web');
  });
});
