/**
 * Hostile flow documents through the API as the screen sends them (the web host over real HTTP):
 * nesting too deep, prototype keys and unknown keys get a clear bad-input answer naming the node
 * and field, never a stack overflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../api/run-model';
import { flowTextWithConfig, nestedJson } from '../testing/deep-json';
import { testStore } from '../testing/golden';
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

interface Answer {
  status: number;
  body: { result?: unknown; error?: string; code?: string; problems?: Array<{ node?: string; path?: string; message: string }> };
}

/** The body is sent as text: JSON.stringify itself overflows on the deep documents. */
async function callText(method: string, body: string): Promise<Answer> {
  const res = await fetch(`${host.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sincro-token': host.token }, body });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const deepDoc = flowTextWithConfig(`{"records":[{"a":1}],"extra":${nestedJson(20_000)}}`);

describe('flow documents through the API', () => {
  it('refuses a config nested 20,000 levels deep on save, check and preview, naming the node and field', async () => {
    for (const [method, body] of [
      ['flows.save', `{"doc":${deepDoc}}`],
      ['flows.check', `{"doc":${deepDoc}}`],
      ['flows.previewNode', `{"doc":${deepDoc},"node":"src","records":[]}`],
    ] as const) {
      const r = await callText(method, body);
      expect(r.status, method).toBe(400);
      expect(r.body.code).toBe('bad-input');
      expect(r.body.problems).toEqual([expect.objectContaining({ node: 'src', path: 'config.extra' })]);
      expect(r.body.error).toMatch(/^The flow cannot be used: Node "src": config\.extra is nested too deeply .*at most 64 levels/);
    }
    expect((await callText('flows.list', '{}')).body.result).toEqual([]);
  });

  it('answers a deep flow file opened in the screen (flows.parse) with the problem, not a crash', async () => {
    const r = await callText('flows.parse', JSON.stringify({ text: deepDoc, fileName: 'deep.json' }));
    expect(r.status).toBe(200);
    expect(r.body.result).toMatchObject({ doc: null, problems: [{ node: 'src', path: 'config.extra' }], error: expect.stringContaining('deep.json is not a valid Sincro flow') });
  });

  it('refuses any other input nested too deeply', async () => {
    const r = await callText('runs.list', `{"flowId":${nestedJson(20_000)}}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('The request runs.list is not valid: it nests objects and lists more than 80 levels deep.');
  });

  it('refuses __proto__ in a node config, naming node and field, and stores nothing', async () => {
    const doc = flowTextWithConfig('{"records":[],"__proto__":{"polluted":true}}', 'core.source.sample', 'proto');
    const r = await callText('flows.save', `{"doc":${doc}}`);
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([{ node: 'src', path: 'config.__proto__', message: expect.stringContaining('is not allowed') }]);
    expect(store.flows.get('proto')).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('saves a flow with a mistyped config key as a draft, names the key and the closest one, and will not run it', async () => {
    const doc = flowTextWithConfig('{"records":[{"a":1}],"keyFeild":"a"}', 'core.source.sample', 'typo');
    const saved = await callText('flows.save', `{"doc":${doc}}`);
    expect(saved.status).toBe(200);
    expect(saved.body.result).toMatchObject({ version: 1, problems: [{ node: 'src', path: 'config.keyFeild', message: 'Node "src" (Sample records): "keyFeild" is not a known setting (did you mean "keyField"?).' }] });
    const finished = new Promise<RunSummary>((resolve) => api.events.on('event', (e) => void (e.type === 'finished' && e.summary.flowId === 'typo' && resolve(e.summary))));
    expect((await callText('runs.start', '{"flowId":"typo"}')).status).toBe(200);
    expect(await finished).toMatchObject({ status: 'failed', read: 0, error: expect.stringContaining('"keyFeild" is not a known setting (did you mean "keyField"?)') });
  });

  it('refuses an unknown field of the document itself, with the closest known one', async () => {
    const r = await callText('flows.check', JSON.stringify({ doc: { schemaVersion: 1, id: 'x', name: 'X', nodes: [], edgse: [] } }));
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([{ path: 'doc.edgse', message: 'doc: "edgse" is not a known field (did you mean "edges"?)' }]);
  });
});
