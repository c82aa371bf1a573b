/**
 * W2: records through the HTTP target to a loopback sink with 8 requests in flight, against plain
 * axios with 8 in flight in the same run. The sink runs in a worker thread so it does not take
 * the measured side's CPU.
 */
import axios from 'axios';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FlowDocument } from '../api/flow-document';
import type { RunSummary } from '../api/run-model';
import { createRegistry } from '../catalog';
import { executeFlow } from '../engine/execute-flow';
import { Store } from '../store/store';

const SINK = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  let size = 0;
  req.on('data', (c) => (size += c.length));
  req.on('end', () => {
    const answer = () => { res.writeHead(201, { 'content-type': 'application/json' }); res.end(JSON.stringify({ id: ++n, bytes: size })); };
    if (workerData.latencyMs > 0) setTimeout(answer, workerData.latencyMs); else answer();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export async function startSink(latencyMs: number): Promise<{ url: string; stop(): Promise<void> }> {
  const worker = new Worker(SINK, { eval: true, workerData: { latencyMs } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}/orders`, stop: async () => void (await worker.terminate()) };
}

export function w2Flow(dir: string, url: string): FlowDocument {
  return {
    schemaVersion: 1,
    id: 'bench-w2',
    name: 'Benchmark W2',
    settings: {},
    nodes: [
      { id: 'orders', type: 'file.source.read', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: join(dir, 'orders.ndjson'), format: 'ndjson', keyField: 'id' } },
      { id: 'send', type: 'http.target.request', typeVersion: 1, position: { x: 250, y: 0 }, config: { method: 'POST', url, concurrency: 8, idField: 'id' } },
    ],
    edges: [{ from: { node: 'orders', port: 'out' }, to: { node: 'send', port: 'in' } }],
  };
}

export async function runW2Engine(dir: string, dataDir: string, url: string): Promise<RunSummary> {
  const store = Store.open({ dataDir });
  try {
    const result = await executeFlow(store, createRegistry(), w2Flow(dir, url), { trigger: 'bench' });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    return result.summary;
  } finally {
    store.close();
  }
}

/** Plain axios, 8 requests in flight, no history, no retries. */
export async function runW2Baseline(dir: string, url: string): Promise<number> {
  const records = readFileSync(join(dir, 'orders.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < records.length) {
      const r = records[next++];
      await axios.post(url, r);
      sent++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return sent;
}
