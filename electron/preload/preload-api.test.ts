import { describe, expect, it, vi } from 'vitest';
import { methodNames, type AppEvent } from '../../core/api/contract';
import { callChannel, EVENT_CHANNEL } from '../shared/ipc-protocol';
import { API_KEY, createPreloadApi, exposeSincroApi, type IpcRendererLike } from './preload-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer stand-in: records invokes, answers with `reply`, and can emit on channels. */
function fakeIpc(reply: (channel: string, input: unknown) => unknown = () => ({ result: 'ok' })) {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return reply(channel, args[0]);
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    const fakeEvent = { sender: ipc, senderId: 0 };
    for (const l of listeners.get(channel) ?? []) l(fakeEvent, payload);
  };
  return { ipc, invoked, emit, listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('the preload API (window.sincro)', () => {
  it('maps every contract method to its own channel and passes the input as is', async () => {
    const { ipc, invoked } = fakeIpc((channel) => ({ result: channel }));
    const api = createPreloadApi(ipc);
    for (const method of methodNames) {
      // The input's shape does not matter here: main validates it.
      expect(await api.call(method, { probe: method } as never)).toBe(`sincro:call:${method}`);
    }
    expect(invoked.map((i) => i.channel)).toEqual(methodNames.map(callChannel));
    expect(invoked.every((i, n) => i.args.length === 1 && (i.args[0] as { probe: string }).probe === methodNames[n])).toBe(true);
  });

  it('sends {} when the page passes no input', async () => {
    const { ipc, invoked } = fakeIpc();
    await createPreloadApi(ipc).call('flows.list', undefined as never);
    expect(invoked[0]?.args).toEqual([{}]);
  });

  it('refuses names that are not in the contract without touching IPC', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createPreloadApi(ipc);
    for (const bad of ['nope', 'flows.list ', '__proto__', 'constructor', 'sincro:event'] as const) {
      await expect(api.call(bad as never, {} as never)).rejects.toThrow(`There is no API method "${bad}".`);
    }
    await expect(api.call(42 as never, {} as never)).rejects.toThrow('There is no API method "42".');
    expect(invoked).toEqual([]);
  });

  it('turns an error reply into a rejected promise with the plain message', async () => {
    const { ipc } = fakeIpc(() => ({ error: 'There is no flow "x".', code: 'not-found' }));
    const failure = await createPreloadApi(ipc)
      .call('flows.get', { id: 'x' })
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('There is no flow "x".');
  });

  it('rejects a reply that is neither a result nor an error', async () => {
    const { ipc } = fakeIpc(() => undefined);
    await expect(createPreloadApi(ipc).call('flows.list', {})).rejects.toThrow('Sincro gave no answer to flows.list.');
  });

  it('resolves a null result as null', async () => {
    const { ipc } = fakeIpc(() => ({ result: null }));
    expect(await createPreloadApi(ipc).call('flows.get', { id: 'x' })).toBeNull();
  });

  it('gives event listeners only the payload, never the IPC event, and unsubscribes', () => {
    const { ipc, emit, listenerCount } = fakeIpc();
    const api = createPreloadApi(ipc);
    const seen: unknown[][] = [];
    const stop = api.onEvent((...args: unknown[]) => seen.push(args));
    const event: AppEvent = { type: 'flows.changed' };
    emit(EVENT_CHANNEL, event);
    emit('some-other-channel', { type: 'connections.changed' });
    expect(seen).toEqual([[event]]);
    expect(listenerCount(EVENT_CHANNEL)).toBe(1);
    stop();
    stop(); // twice is harmless
    expect(listenerCount(EVENT_CHANNEL)).toBe(0);
    emit(EVENT_CHANNEL, event);
    expect(seen).toHaveLength(1);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => createPreloadApi(fakeIpc().ipc).onEvent('x' as never)).toThrow('onEvent needs a function.');
  });

  it('exposes exactly one object, window.sincro, with only call and onEvent', () => {
    const exposed: Array<[string, unknown]> = [];
    exposeSincroApi({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, fakeIpc().ipc);
    expect(exposed).toHaveLength(1);
    expect(exposed[0]?.[0]).toBe(API_KEY);
    expect(API_KEY).toBe('sincro');
    expect(Object.keys(exposed[0]?.[1] as object).sort()).toEqual(['call', 'onEvent']);
  });
});

describe('the preload entry (index.ts)', () => {
  it('exposes window.sincro through contextBridge with the real ipcRenderer, and nothing else', async () => {
    const exposeInMainWorld = vi.fn();
    const ipcRenderer = { invoke: vi.fn(async () => ({ result: [] })), on: vi.fn(), removeListener: vi.fn() };
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer }));
    try {
      await import('./index');
    } finally {
      vi.doUnmock('electron');
    }
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, { call: (m: string, i: unknown) => Promise<unknown> }];
    expect(key).toBe('sincro');
    expect(api).not.toHaveProperty('ipcRenderer');
    await expect(api.call('flows.list', {})).resolves.toEqual([]);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('sincro:call:flows.list', {});
  });
});
