/**
 * Electron wiring of the API: one ipcMain.handle per contract method (the table and the checks
 * are ipc-handlers.ts) and the API's events pushed to the window on one channel.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { methodNames, type AppEvent } from '../../core/api/contract';
import type { RunEvent } from '../../core/api/run-model';
import type { ApiService } from '../../core/host/api-service';
import { callChannel, EVENT_CHANNEL } from '../shared/ipc-protocol';
import { buildIpcHandlers } from './ipc-handlers';
import { isTrustedSender, type SenderInfo, type TrustedSender } from './sender-check';

export function registerApiIpc(opts: { api: ApiService; trusted: () => TrustedSender; logError: (m: string, e: unknown) => void }): void {
  const handlers = buildIpcHandlers({
    call: (method, input) => opts.api.call(method, input),
    isTrustedSender: (sender) => isTrustedSender(sender, opts.trusted()),
    logError: opts.logError,
  });
  for (const method of methodNames) {
    ipcMain.handle(callChannel(method), (event, input: unknown) => handlers[method](senderInfo(event), input));
  }
}

function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  let frame: IpcMainInvokeEvent['senderFrame'] = null;
  try {
    frame = event.senderFrame;
  } catch {
    // The frame was torn down while the message was in flight: treat as unknown.
  }
  return { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: !!frame && frame.parent === null };
}

/** Pushes every run and app event to the window while it exists (hidden in the tray too). */
export function forwardEvents(api: ApiService, window: () => BrowserWindow | undefined): void {
  api.events.on('event', (event: RunEvent | AppEvent) => {
    const win = window();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
}
