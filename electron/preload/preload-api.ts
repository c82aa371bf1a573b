/**
 * The `window.sincro` object of the desktop app, built from the API contract. It is a factory over
 * an ipcRenderer-like object so it can be tested in Node; `index.ts` only hands it the real one.
 * The page gets two plain functions: never ipcRenderer itself, never an IPC event object (its
 * `sender` is the ipcRenderer), only contract method names reach IPC.
 */
import { methodNames, type AppEvent, type MethodInput, type MethodName, type MethodResult, type SincroApi } from '../../core/api/contract';
import type { RunEvent } from '../../core/api/run-model';
import { callChannel, EVENT_CHANNEL, isErrorReply, isResultReply } from '../shared/ipc-protocol';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The part of Electron's contextBridge the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** The name on `window`, as the renderer expects it (renderer/src/api/sincro-api.ts). */
export const API_KEY = 'sincro';

const known = new Set<string>(methodNames);

export function createPreloadApi(ipc: IpcRendererLike): SincroApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
      // The page may pass anything at run time; only contract names get a channel.
      if (typeof method !== 'string' || !known.has(method)) throw new Error(`There is no API method "${String(method)}".`);
      const reply = await ipc.invoke(callChannel(method), input ?? {});
      // Only the message survives contextBridge on an Error (code and problems would be dropped
      // there anyway), so the rejection is a plain Error with the sentence meant for the user.
      if (isErrorReply(reply)) throw new Error(reply.error);
      if (!isResultReply(reply)) throw new Error(`Sincro gave no answer to ${method}.`);
      return reply.result as MethodResult<M>;
    },
    onEvent(listener: (event: RunEvent | AppEvent) => void): () => void {
      if (typeof listener !== 'function') throw new Error('onEvent needs a function.');
      const forward = (_event: unknown, payload: unknown) => listener(payload as RunEvent | AppEvent);
      ipc.on(EVENT_CHANNEL, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  };
}

/** Puts exactly one object on the page's window: `window.sincro`. */
export function exposeSincroApi(bridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(API_KEY, createPreloadApi(ipc));
}
