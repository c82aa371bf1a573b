/**
 * A stand-in for the parts of the `electron` module main uses, for the wiring test
 * (main-process.test.ts): Electron itself cannot start on the build machines. It records what
 * main asks of Electron and lets the test play the user (close the window, click the tray, send
 * IPC). Behaviour follows Electron's documented order: app.quit() emits before-quit, which may be
 * prevented, then closes the windows.
 */
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  url?: string;
}

export function fakeEvent(extra: { url?: string } = {}): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
    ...extra,
  };
}

type Handler = (...args: unknown[]) => unknown;

export interface FakeMessageBoxOptions {
  message: string;
  detail?: string;
  buttons?: string[];
  cancelId?: number;
}

/** What the fake records; reset by createFakeElectron. */
const world = {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  privilegedSchemes: [] as unknown[],
  opened: [] as string[],
  notifications: [] as FakeNotification[],
  trays: [] as FakeTray[],
  errors: [] as Array<[string, string]>,
  /** The options of each dialog.showMessageBox, and the buttons the test will press (Cancel when none). */
  messageBoxes: [] as Array<{ parent: unknown; options: FakeMessageBoxOptions }>,
  messageBoxAnswers: [] as number[],
  /** The options of each dialog.showSaveDialog, and the paths the test will choose (cancelled when none). */
  saveDialogs: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
  saveDialogAnswers: [] as string[],
  paths: new Map<string, string>(),
  nextId: 1,
  app: undefined as unknown as FakeApp,
  powerMonitor: new EventEmitter(),
};

export class FakeApp extends EventEmitter {
  isPackaged = false;
  /** What setLoginItemSettings was last told (macOS and Windows keep this in the OS). */
  loginItem: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] } = { openAtLogin: false };
  quitted = false;
  exitCode: number | undefined;
  name = '';
  enableSandbox() {}
  setName(name: string) {
    this.name = name;
  }
  setPath(name: string, value: string) {
    world.paths.set(name, value);
  }
  getPath(name: string) {
    return world.paths.get(name) ?? '';
  }
  setAppUserModelId() {}
  getAppPath() {
    return '/fake/app';
  }
  getLoginItemSettings(options: { args?: string[] } = {}) {
    // Windows tells login items apart by their arguments.
    const same = JSON.stringify(options.args ?? []) === JSON.stringify(this.loginItem.args ?? []);
    return { openAtLogin: this.loginItem.openAtLogin && same, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }) {
    this.loginItem = { ...settings };
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {
    if (this.quitted) return;
    const e = fakeEvent();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    this.quitted = true;
    for (const w of [...world.windows]) w.close();
  }
  exit(code: number) {
    this.exitCode = code;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = world.nextId++;
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  send(channel: string, payload: unknown) {
    this.sent.push([channel, structuredClone(payload)]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl = '';
  visible = false;
  focused = false;
  maximized = false;
  destroyed = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(readonly options: Record<string, unknown> & { x?: number; y?: number; width: number; height: number }) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    world.windows.push(this);
    world.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.emit('ready-to-show');
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  restore() {}
  maximize() {
    this.maximized = true;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return false;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
  close() {
    if (this.destroyed) return;
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    world.windows.splice(world.windows.indexOf(this), 1);
    this.emit('closed');
    if (world.windows.length === 0) world.app.emit('window-all-closed');
  }
}

export class FakeTray extends EventEmitter {
  tooltip = '';
  menu: Array<{ label?: string; type?: string; enabled?: boolean; click?: () => void }> = [];
  destroyed = false;
  constructor() {
    super();
    world.trays.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeTray['menu']) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
  click(label: string) {
    const item = this.menu.find((i) => i.label === label);
    if (!item?.click || item.enabled === false) throw new Error(`no enabled tray item "${label}" in ${JSON.stringify(this.menu.map((i) => i.label))}`);
    item.click();
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported() {
    return true;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    this.shown = true;
    world.notifications.push(this);
  }
}

export function createFakeElectron() {
  Object.assign(world, {
    windows: [],
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    opened: [],
    notifications: [],
    trays: [],
    errors: [],
    messageBoxes: [],
    messageBoxAnswers: [],
    saveDialogs: [],
    saveDialogAnswers: [],
    paths: new Map(),
    nextId: 1,
    app: new FakeApp(),
    powerMonitor: new EventEmitter(),
  });
  const app = world.app;
  const image = { resize: () => image };
  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
  const session = {
    defaultSession: {
      protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => world.protocolHandlers.set(scheme, handler) },
      webRequest: { onHeadersReceived: () => {} },
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      setDevicePermissionHandler: () => {},
    },
  };
  const osKey = 0x5a;
  const module = {
    app,
    /** The OS's sleep and wake: the test emits 'resume' as the OS does after sleep. */
    powerMonitor: world.powerMonitor,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: () => image },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => world.privilegedSchemes.push(...schemes), handle: () => {} },
    session,
    shell: { openExternal: async (url: string) => void world.opened.push(url) },
    ipcMain: { handle: (channel: string, handler: Handler) => world.ipcHandlers.set(channel, handler) },
    dialog: {
      showErrorBox: (title: string, body: string) => world.errors.push([title, body]),
      // Electron's two forms: (options) and (parentWindow, options).
      showMessageBox: async (...args: unknown[]) => {
        const [parent, options] = (args.length > 1 ? args : [undefined, args[0]]) as [unknown, FakeMessageBoxOptions];
        world.messageBoxes.push({ parent, options });
        return { response: world.messageBoxAnswers.shift() ?? options.cancelId ?? 0, checkboxChecked: false };
      },
      showSaveDialog: async (...args: unknown[]) => {
        const [parent, options] = (args.length > 1 ? args : [undefined, args[0]]) as [unknown, Record<string, unknown>];
        world.saveDialogs.push({ parent, options });
        const filePath = world.saveDialogAnswers.shift();
        return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
      },
    },
    // A reversible "keychain": enough to see that the key file is not the key in the clear.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(Buffer.from(text).map((b) => b ^ osKey)),
      decryptString: (data: Buffer) => Buffer.from(data.map((b) => b ^ osKey)).toString(),
    },
  };
  return { module, ...world, app };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
