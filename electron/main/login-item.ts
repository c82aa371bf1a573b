/**
 * "Start Sincro when I log in" (Settings). macOS and Windows keep login items themselves
 * (app.setLoginItemSettings); Electron has no such call on Linux, where the desktop's autostart
 * folder does the same (an XDG .desktop file). Started at login, Sincro starts in the tray, its
 * window closed: it is there for the schedules.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The argument a login start carries (macOS also says so through wasOpenedAtLogin). */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
}

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** How this app is started: its executable and arguments (Linux). */
  command: { exec: string; args: string[] };
  /** $XDG_CONFIG_HOME, or ~/.config (Linux). */
  configDir: string;
}

export interface LoginItem {
  get(): boolean;
  set(openAtLogin: boolean): void;
}

export const AUTOSTART_FILE = 'sincro.desktop';

/** One argument of a .desktop file's Exec line, quoted as the Desktop Entry specification says. */
export function desktopExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(command: { exec: string; args: string[] }): string {
  const exec = [command.exec, ...command.args, HIDDEN_ARG].map(desktopExecArg).join(' ');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Sincro', 'Comment=Keeps your apps in sync on a schedule', `Exec=${exec}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export function loginItem(opts: LoginItemOptions): LoginItem {
  if (opts.platform === 'linux') {
    const dir = join(opts.configDir, 'autostart');
    const file = join(dir, AUTOSTART_FILE);
    return {
      get: () => existsSync(file),
      set(on) {
        if (!on) return rmSync(file, { force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, autostartEntry(opts.command));
      },
    };
  }
  // Windows matches the login item by its arguments, so both calls name them.
  const args = [HIDDEN_ARG];
  return {
    get: () => opts.app.getLoginItemSettings({ args }).openAtLogin,
    set: (on) => opts.app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true, args }),
  };
}

/** Whether this start came from the login item, so the window stays closed. */
export function startedAtLogin(argv: readonly string[], wasOpenedAtLogin = false): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARG);
}
