/**
 * A run in one process and the history read by another, with real processes: `sincro run` as a
 * child, killed with SIGKILL; `sincro runs …` in this process, opening the same data folder.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../api/contract';
import { createApiService } from '../host/create-api-service';
import { Store } from '../store/store';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
let server: Server | undefined;
beforeEach(() => {
  dir = tempDir('sincro-crash-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => {
  server?.close();
  dir.remove();
});

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** An API that answers each request after `delayMs` with `{ id }`. */
async function slowApi(delayMs: number): Promise<{ url: string; received: () => number }> {
  let received = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = `t-${++received}`;
      setTimeout(() => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id })), delayMs);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received: () => received };
}

describe('a run in another process', () => {
  it('is shown as running while it lives; killed, it is interrupted once, with what it did and a fixed end', async () => {
    const api = await slowApi(60);
    const records = Array.from({ length: 200 }, (_, i) => ({ id: `o${i + 1}` }));
    const flow = join(dir.path, 'flow.json');
    writeFileSync(
      flow,
      JSON.stringify({
        schemaVersion: 1,
        id: 'slow-orders',
        name: 'Slow orders',
        settings: {},
        nodes: [
          { id: 'orders', type: 'core.source.sample', config: { records, keyField: 'id' } },
          { id: 'send', type: 'http.target.request', config: { url: `${api.url}/orders`, concurrency: 1, idField: 'id' } },
        ],
        edges: [{ from: { node: 'orders', port: 'out' }, to: { node: 'send', port: 'in' } }],
      }),
    );
    const child = spawn(process.execPath, [resolve('bin/sincro.js'), '--data-dir', dataDir, 'run', flow], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await until('the run to send 30 records', () => api.received() >= 30);
      // Records finished more than a second ago are in the history while the run goes on.
      await sleep(1200);

      const listed = JSON.parse((await sincro('runs', 'list', '--json')).out) as Array<{ id: string; status: string; counts: { read: number; ok: number; skipped: number; failed: number } }>;
      expect(listed).toHaveLength(1);
      const runId = listed[0]?.id ?? '';
      expect(listed[0]?.status).toBe('running');
      // The counts the running process wrote, the same for every reader: read, and some finished.
      const soFar = listed[0]?.counts ?? { read: 0, ok: 0, skipped: 0, failed: 0 };
      expect(soFar.read).toBe(200);
      expect(soFar.ok).toBeGreaterThanOrEqual(10);
      expect(soFar.read).toBeGreaterThanOrEqual(soFar.ok + soFar.skipped + soFar.failed);
      const other = Store.open({ dataDir });
      const service = createApiService(other, 'web');
      try {
        const snap = (await service.call('runs.snapshot', { runId, recent: 5 })) as RunSnapshot;
        expect(snap).toMatchObject({ status: 'running', live: false, read: 200 });
        expect(snap.finished).toBeGreaterThanOrEqual(soFar.ok);
        expect(snap.read).toBeGreaterThanOrEqual(snap.finished);
        // What the screen counts as read: what the source passed on.
        expect(snap.nodes['orders']?.out).toEqual({ out: 200 });
        expect(snap.nodes['send']?.created).toBeGreaterThanOrEqual(soFar.ok);
      } finally {
        await service.stop();
        other.close();
      }
      const live = JSON.parse((await sincro('runs', 'show', runId, '--records', '--json')).out) as { run: { status: string }; records: unknown[] };
      expect(live.run.status).toBe('running');
      expect(live.records.length).toBeGreaterThanOrEqual(10);
      // A second look from another process changes nothing about a live run.
      expect(JSON.parse((await sincro('runs', 'list', '--json')).out)[0].status).toBe('running');

      child.kill('SIGKILL');
      await exited;
      const sent = api.received();

      const first = await sincro('runs', 'show', runId, '--json');
      const run = (JSON.parse(first.out) as { run: { status: string; finishedAt: string | null; error: string; counts: { ok: number; nodes: Record<string, { created: number }> } } }).run;
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/interrupted/i);
      expect(run.finishedAt).not.toBeNull();
      // What it did, from its written records: all but the last second's.
      expect(run.counts.ok).toBeGreaterThanOrEqual(sent - 25);
      expect(run.counts.ok).toBeLessThanOrEqual(sent);
      expect(run.counts.nodes['send']?.created).toBe(run.counts.ok);
      expect(run.error).toContain(`${run.counts.ok} done`);

      const text = (await sincro('runs', 'show', runId)).out;
      await sleep(1100);
      expect((await sincro('runs', 'show', runId)).out).toBe(text);
      expect(JSON.parse((await sincro('runs', 'show', runId, '--json')).out).run.finishedAt).toBe(run.finishedAt);

      const found = JSON.parse((await sincro('runs', 'find', 'o3', '--json')).out) as Array<{ runId: string; action: string; targetId: string }>;
      expect(found).toEqual([expect.objectContaining({ runId, action: 'create', targetId: 't-3' })]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
