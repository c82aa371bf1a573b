import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeElectron } from './fake-electron';
import { AUTOSTART_FILE, desktopExecArg, HIDDEN_ARG, loginItem, startedAtLogin } from './login-item';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'sincro-login-'));
  dirs.push(d);
  return d;
};
const command = { exec: '/opt/Sincro/sincro', args: [] };

describe('start at login', () => {
  it.each(['darwin', 'win32'] as const)('on %s, is an OS login item that starts hidden', (platform) => {
    const { app } = createFakeElectron();
    const item = loginItem({ platform, app, command, configDir: folder() });
    expect(item.get()).toBe(false);
    item.set(true);
    expect(app.loginItem).toEqual({ openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] });
    expect(item.get()).toBe(true);
    item.set(false);
    expect(item.get()).toBe(false);
  });

  it('on Linux, is an autostart entry that starts this app hidden', () => {
    const { app } = createFakeElectron();
    const config = folder();
    const item = loginItem({ platform: 'linux', app, command: { exec: '/home/ann/Apps/My Sincro.AppImage', args: [] }, configDir: config });
    const file = join(config, 'autostart', AUTOSTART_FILE);
    expect(item.get()).toBe(false);
    item.set(true);
    expect(item.get()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ann/Apps/My Sincro.AppImage" --hidden\n');
    expect(app.loginItem.openAtLogin).toBe(false); // Electron's call does nothing on Linux
    item.set(false);
    expect(existsSync(file)).toBe(false);
    expect(item.get()).toBe(false);
    item.set(false); // already off: no error
  });

  it('quotes Exec arguments as the Desktop Entry specification says', () => {
    expect(desktopExecArg('/usr/bin/electron')).toBe('/usr/bin/electron');
    expect(desktopExecArg('/a b/$x`y"z\\')).toBe('"/a b/\\$x\\`y\\"z\\\\"');
  });

  it('knows a start at login by its argument, or by macOS saying so', () => {
    expect(startedAtLogin(['/opt/Sincro/sincro', HIDDEN_ARG])).toBe(true);
    expect(startedAtLogin(['/opt/Sincro/sincro'], true)).toBe(true);
    expect(startedAtLogin(['/opt/Sincro/sincro'])).toBe(false);
  });
});
