/**
 * The one app window: locked-down web preferences, placed where it was last time (if that spot
 * is still on a screen), and its place saved when it moves, resizes or closes.
 */
import { BrowserWindow, screen } from 'electron';
import type { RendererLocation } from './app-origin';
import type { DesktopStateFile } from './desktop-state-file';
import { captureWindowState, MIN_SIZE, restoreWindowState } from './window-state';

export interface MainWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  iconPath: string;
  state: DesktopStateFile;
  devTools: boolean;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const place = restoreWindowState(opts.state.get().window, workAreas);

  const win = new BrowserWindow({
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    width: place.width,
    height: place.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Sincro',
    icon: opts.iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: opts.devTools,
    },
  });

  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    win.show();
  });

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isFullScreen() || win.isMinimized()) return;
    opts.state.update({ window: captureWindowState(win) });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', save);

  void win.loadURL(opts.location.entryUrl);
  return win;
}
