/**
 * The Electron main process: the app's lifecycle, wiring the pieces together. Every decision it
 * acts on (where the window goes, who may call, what closing does, the key, the tray's wording)
 * lives in an Electron-free module beside it with its tests; this file only connects them.
 */
import { app, BrowserWindow, dialog, nativeImage, Notification, powerMonitor, safeStorage, session, shell } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconPath from '../../resources/icon.png?asset&asarUnpack';
import type { AppEvent, FlowListItem } from '../../core/api/contract';
import type { ApiService } from '../../core/host/api-service';
import { createApiService } from '../../core/host/create-api-service';
import { APP_NAME, resolveDataDir } from '../../core/store/data-dir';
import { Store } from '../../core/store/store';
import { EVENT_CHANNEL } from '../shared/ipc-protocol';
import { rendererLocation } from './app-origin';
import { decideOnClose, TRAY_HINT } from './close-decision';
import { contentSecurityPolicy } from './content-security-policy';
import { DesktopStateFile } from './desktop-state-file';
import { chosenPath, exportDialogOptions } from './export-dialog';
import { askToOpenOptions, externalLinkOpener } from './external-links';
import { forwardEvents, registerApiIpc } from './ipc-bridge';
import { loginItem, startedAtLogin } from './login-item';
import { createMainWindow } from './main-window';
import { osNotificationFor, type OsNotification } from './notices';
import { openStoreKeys } from './safe-storage-key';
import { SchedulePause } from './schedule-pause';
import { guardAllWebContents, hardenSession, registerAppScheme } from './session-hardening';
import { createShutdown } from './shutdown';
import { createSincroTray, type SincroTray } from './tray';
import { countScheduledFlows, trayIconSize } from './tray-menu';

const logError = (message: string, error: unknown) => console.error(`[sincro] ${message}`, error ?? '');

// Before ready: the app:// scheme, sandbox for every renderer, and one data folder shared with
// the CLI (core's data-dir, honouring SINCRO_DATA_DIR; Electron would otherwise use the package
// name "sincro", which differs from "Sincro" on case-sensitive file systems).
registerAppScheme();
app.enableSandbox();
app.setName(APP_NAME);
const dataDir = resolveDataDir();
app.setPath('userData', dataDir);
if (process.platform === 'win32') app.setAppUserModelId('eu.sincro.app');

if (!app.requestSingleInstanceLock()) {
  // Another Sincro is running: it gets a 'second-instance' event and shows its window.
  app.quit();
} else {
  let desktop: DesktopShell | undefined;
  let quitting = false;
  let stopped = false;
  app.on('second-instance', () => desktop?.showWindow());
  app.on('activate', () => desktop?.showWindow());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped || !desktop) return;
    event.preventDefault();
    void desktop.shutdown().then(() => {
      stopped = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(() => {
      desktop = startDesktopShell(() => quitting);
    })
    .catch((e: unknown) => {
      logError('Sincro could not start', e);
      dialog.showErrorBox('Sincro cannot start', e instanceof Error ? e.message : String(e));
      stopped = true;
      app.exit(1);
    });
}

interface DesktopShell {
  showWindow(): void;
  shutdown(): Promise<void>;
}

function startDesktopShell(isQuitting: () => boolean): DesktopShell {
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'] });
  // Links and the Teamleader sign-in: the vendors' sites open at once, other websites after asking.
  const openExternal = externalLinkOpener({
    openExternal: (url) => shell.openExternal(url),
    confirm: async (url) => {
      const options = askToOpenOptions(url);
      const answer = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return answer.response === 0;
    },
  });
  hardenSession(session.defaultSession, {
    location,
    policy: contentSecurityPolicy(location.kind),
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  });
  guardAllWebContents({ location, openExternal, logError });

  const { keys, warning } = openStoreKeys({ dataDir, safeStorage });
  const store = Store.open({ dataDir, keys });
  const login = loginItem({
    platform: process.platform,
    app,
    // Linux's autostart entry starts this app as it was started: the AppImage, the packaged binary, or Electron with the app's folder.
    command: process.env['APPIMAGE'] ? { exec: process.env['APPIMAGE'], args: [] } : { exec: process.execPath, args: app.isPackaged ? [] : [app.getAppPath()] },
    configDir: process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'),
  });
  const api: ApiService = createApiService(store, 'electron', {
    openExternal,
    scheduler: { name: 'the desktop app' },
    loginItem: login,
    // A run's export is saved where the user says, through the OS save dialog.
    chooseSavePath: async (fileName, format) => {
      const options = exportDialogOptions(fileName, format, app.getPath('downloads'), join);
      return chosenPath(win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options));
    },
  });
  const pause = new SchedulePause(api);
  const state = new DesktopStateFile(dataDir);
  const icon = nativeImage.createFromPath(iconPath);

  let win: BrowserWindow | undefined;
  let tray: SincroTray | undefined;
  let scheduledFlows = 0;
  const notifications = new Set<Notification>(); // held so their click handlers are not collected

  const notify = (n: OsNotification) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: n.title, body: n.body, urgency: n.urgency, icon });
    notifications.add(shown);
    shown.on('click', () => showWindow());
    shown.on('close', () => notifications.delete(shown));
    shown.show();
  };

  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({
      location,
      preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      iconPath,
      state,
      devTools: !app.isPackaged,
    });
    created.on('close', (event) => {
      const decision = decideOnClose({
        quitting: isQuitting(),
        scheduledFlows,
        schedulesPaused: pause.paused,
        trayAvailable: tray !== undefined,
        trayHintShown: state.get().trayHintShown ?? false,
      });
      if (decision.action === 'close') return;
      event.preventDefault();
      created.hide();
      if (decision.tellUser) {
        notify({ ...TRAY_HINT, urgency: 'normal' });
        state.update({ trayHintShown: true });
      }
    });
    created.on('closed', () => {
      if (win === created) win = undefined;
    });
    return created;
  };

  function showWindow() {
    win ??= openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  registerApiIpc({ api, trusted: () => ({ webContentsId: win && !win.isDestroyed() ? win.webContents.id : undefined, origin: location.origin }), logError });
  forwardEvents(api, () => win);

  const refreshScheduled = async () => {
    try {
      scheduledFlows = countScheduledFlows((await api.call('flows.list', {})) as FlowListItem[]);
    } catch (e) {
      logError('Could not count the scheduled flows', e);
    }
    tray?.refresh();
  };
  api.events.on('event', (event) => {
    if (event.type === 'flows.changed') void refreshScheduled();
    const os = osNotificationFor(event, { windowFocused: !!win && !win.isDestroyed() && win.isVisible() && win.isFocused() });
    if (os) notify(os);
  });
  pause.onChange(() => tray?.refresh());

  try {
    const size = trayIconSize(process.platform);
    tray = createSincroTray({
      image: icon.resize({ width: size, height: size, quality: 'best' }),
      status: () => ({ scheduledFlows, paused: pause.paused }),
      actions: { open: showWindow, pause: () => pause.pause(), resume: () => pause.resume(), quit: () => app.quit() },
    });
  } catch (e) {
    // Without a tray, closing the window simply quits (decideOnClose).
    logError('The tray icon could not be created', e);
  }

  // Started at login: in the tray, for the schedules, with the window closed until asked for.
  if (!tray || !startedAtLogin(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin)) win = openWindow();
  api.start();
  // After sleep, Node's timers are late by the time slept: look at the clock now, and catch up.
  powerMonitor.on('resume', () => api.scheduler.wake());
  void refreshScheduled();

  if (warning) {
    logError(warning, undefined);
    const notice: AppEvent = { type: 'notice', level: 'warn', title: 'Connection secrets', message: warning };
    notify({ title: notice.title, body: notice.message, urgency: 'normal' });
    // The screen hears it too once it has loaded (events sent before that reach no one).
    const shown = win;
    shown?.webContents.once('did-finish-load', () => shown.webContents.send(EVENT_CHANNEL, notice));
  }

  const shutdown = createShutdown({
    stopApi: () => api.stop(),
    closeStore: () => {
      tray?.destroy();
      store.close();
    },
    logError,
  });
  return { showWindow, shutdown };
}
