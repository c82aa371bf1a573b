import { afterAll, describe, expect, it } from 'vitest';
import { methodNames, type AppEvent } from '../../core/api/contract';
import type { RunEvent } from '../../core/api/run-model';
import { ApiError } from '../../core/host/api-error';
import { createApiService } from '../../core/host/create-api-service';
import { flow, testStore } from '../../core/testing/golden';
import { createPreloadApi, type IpcRendererLike } from '../preload/preload-api';
import { callChannel, EVENT_CHANNEL } from '../shared/ipc-protocol';
import { buildIpcHandlers, toErrorBody, type IpcHandler } from './ipc-handlers';
import type { SenderInfo } from './sender-check';

const window: SenderInfo = { webContentsId: 1, frameUrl: 'app://sincro/index.html', isMainFrame: true };
const stranger: SenderInfo = { webContentsId: 2, frameUrl: 'https://evil.example.com/', isMainFrame: true };
const isTrustedSender = (s: SenderInfo) => s.webContentsId === 1;

describe('the IPC handler table', () => {
  it('has exactly one handler per contract method', () => {
    const table = buildIpcHandlers({ call: async () => null, isTrustedSender, logError: () => {} });
    expect(Object.keys(table).sort()).toEqual([...methodNames].sort());
    expect(new Set(methodNames.map(callChannel)).size).toBe(methodNames.length);
  });

  it('passes the raw payload of a trusted sender to the API, under its own method name', async () => {
    const calls: Array<[string, unknown]> = [];
    const table = buildIpcHandlers({ call: async (m, i) => (calls.push([m, i]), `did ${m}`), isTrustedSender, logError: () => {} });
    for (const m of methodNames) expect(await table[m](window, { raw: m })).toEqual({ result: `did ${m}` });
    expect(calls).toEqual(methodNames.map((m) => [m, { raw: m }]));
  });

  it('refuses an untrusted sender before anything is called', async () => {
    let called = false;
    const logged: string[] = [];
    const table = buildIpcHandlers({ call: async () => (called = true), isTrustedSender, logError: (m) => logged.push(m) });
    expect(await table['connections.list'](stranger, {})).toEqual({ error: 'This page may not use Sincro.', code: 'bad-input' });
    expect(called).toBe(false);
    expect(logged[0]).toContain('https://evil.example.com/');
  });

  it('answers errors as data: message, code and problems, never a stack', async () => {
    const logged: unknown[] = [];
    const table = buildIpcHandlers({
      call: async (m) => {
        if (m === 'flows.get') throw new ApiError('There is no flow "x".', 'not-found');
        if (m === 'flows.save') throw new ApiError('bad', 'bad-input', [{ path: 'doc.name', message: 'doc.name is required' }]);
        throw new TypeError('boom');
      },
      isTrustedSender,
      logError: (_m, e) => logged.push(e),
    });
    expect(await table['flows.get'](window, {})).toEqual({ error: 'There is no flow "x".', code: 'not-found' });
    expect(await table['flows.save'](window, {})).toEqual({ error: 'bad', code: 'bad-input', problems: [{ path: 'doc.name', message: 'doc.name is required' }] });
    const unexpected = await table['runs.list'](window, {});
    expect(unexpected).toEqual({ error: 'boom', code: 'failed' });
    expect(JSON.stringify(unexpected)).not.toContain('at ');
    // Expected refusals are not logged; a bug is, with its stack, on the main side only.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toBeInstanceOf(TypeError);
    expect(toErrorBody('text')).toEqual({ error: 'text', code: 'failed' });
  });
});

describe('preload → IPC → handlers → the real API service', () => {
  const store = testStore();
  const api = createApiService(store, 'electron');
  afterAll(async () => {
    await api.stop();
    store.dispose();
  });

  /** Connects the preload to the handler table the way ipcMain.handle / webContents.send would. */
  function wire(sender: SenderInfo) {
    const table = buildIpcHandlers({ call: (m, i) => api.call(m, i), isTrustedSender, logError: () => {} });
    const byChannel = new Map<string, IpcHandler>(methodNames.map((m) => [callChannel(m), table[m]]));
    const listeners = new Set<(e: unknown, payload: unknown) => void>();
    api.events.on('event', (e: RunEvent | AppEvent) => {
      for (const l of listeners) l({}, structuredClone(e));
    });
    const ipc: IpcRendererLike = {
      invoke: async (channel, input) => {
        const handler = byChannel.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        // IPC copies with the structured clone algorithm in both directions.
        return structuredClone(await handler(sender, structuredClone(input)));
      },
      on: (channel, l) => channel === EVENT_CHANNEL && listeners.add(l),
      removeListener: (_channel, l) => listeners.delete(l),
    };
    return createPreloadApi(ipc);
  }

  it('runs calls, validates input with zod, and streams events', async () => {
    const sincro = wire(window);
    expect(await sincro.call('app.info', {})).toMatchObject({ host: 'electron', dataDir: store.dataDir });
    await expect(sincro.call('runs.list', { limit: 'many' } as never)).rejects.toThrow('The request runs.list is not valid: limit must be a number');

    const events: Array<RunEvent | AppEvent> = [];
    const stop = sincro.onEvent((e) => events.push(e));
    const doc = flow({ id: 'ipc', name: 'Over IPC', nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }] });
    expect(await sincro.call('flows.save', { doc })).toMatchObject({ version: 1, problems: [] });
    stop();
    expect(events).toContainEqual({ type: 'flows.changed' });
    expect(await sincro.call('flows.list', {})).toMatchObject([{ id: 'ipc', name: 'Over IPC' }]);
  });

  it('gives a page that is not the app nothing', async () => {
    await expect(wire(stranger).call('connections.list', {})).rejects.toThrow('This page may not use Sincro.');
  });
});
