/**
 * Which IPC senders may call the API: the main window's own web contents, from its top frame,
 * showing a page of the app. Anything else (another window, a subframe, a page that navigated
 * away despite the navigation guard) is refused before the payload is looked at.
 */
import { isAppUrl, type AppOrigin } from './app-origin';

/** What main knows about who sent an IPC message (taken from Electron's IpcMainInvokeEvent). */
export interface SenderInfo {
  webContentsId: number;
  /** The sending frame's URL; null when the frame is gone or navigated. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface TrustedSender {
  /** The main window's webContents id; undefined while there is no window. */
  webContentsId: number | undefined;
  origin: AppOrigin;
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedSender): boolean {
  return trusted.webContentsId !== undefined && sender.webContentsId === trusted.webContentsId && sender.isMainFrame && isAppUrl(sender.frameUrl, trusted.origin);
}
