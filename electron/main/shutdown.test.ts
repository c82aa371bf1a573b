import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../core/host/create-api-service';
import { Store } from '../../core/store/store';
import { flow } from '../../core/testing/golden';
import { createShutdown } from './shutdown';

describe('shutting down', () => {
  it('stops the API (scheduler, runs) before closing the store, once however often it is asked', async () => {
    const steps: string[] = [];
    const shutdown = createShutdown({
      stopApi: async () => {
        steps.push('stop:start');
        await new Promise((r) => setTimeout(r, 10));
        steps.push('stop:done');
      },
      closeStore: () => steps.push('close'),
      logError: () => {},
    });
    await Promise.all([shutdown(), shutdown()]);
    await shutdown();
    expect(steps).toEqual(['stop:start', 'stop:done', 'close']);
  });

  it('still closes the store when stopping fails or hangs', async () => {
    const logged: string[] = [];
    let closed = 0;
    await createShutdown({ stopApi: () => Promise.reject(new Error('x')), closeStore: () => closed++, logError: (m) => logged.push(m) })();
    await createShutdown({ stopApi: () => new Promise(() => {}), closeStore: () => closed++, logError: (m, e) => logged.push(`${m}: ${(e as Error).message}`), timeoutMs: 20 })();
    expect(closed).toBe(2);
    expect(logged).toEqual(['Stopping the scheduler and runs failed', 'Stopping the scheduler and runs failed: runs did not stop within 0.02 s']);
  });
});

describe('shutting down with a run going on (real API service and store)', () => {
  it('cancels the run, records it as cancelled, and closes the store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sincro-shutdown-'));
    try {
      const store = Store.open({ dataDir });
      const api = createApiService(store, 'electron');
      const records = Array.from({ length: 20_000 }, (_, i) => ({ n: i }));
      const doc = flow({
        id: 'long',
        name: 'Long',
        nodes: [
          { id: 'src', type: 'core.source.sample', config: { records } },
          { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'm', expr: 'n * 2' }] } },
        ],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }],
      });
      await api.call('flows.save', { doc });
      const { runId } = (await api.call('runs.start', { flowId: 'long' })) as { runId: string };
      await createShutdown({ stopApi: () => api.stop(), closeStore: () => store.close(), logError: () => {} })();
      expect(() => store.flows.list()).toThrow(); // closed

      const reopened = Store.open({ dataDir });
      try {
        expect(reopened.runs.get(runId)).toMatchObject({ status: 'cancelled', error: 'The run was cancelled.' });
      } finally {
        reopened.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
