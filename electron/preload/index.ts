/**
 * The sandboxed preload (built to CommonJS: a sandboxed preload cannot be an ES module). All it
 * does is expose `window.sincro`; the logic is in preload-api.ts, tested in Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeSincroApi } from './preload-api';

exposeSincroApi(contextBridge, ipcRenderer);
