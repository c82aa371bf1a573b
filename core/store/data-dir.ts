/**
 * Where Sincro keeps its database and key: the OS's per-user app-data folder for "Sincro", the
 * same folder Electron's app.getPath('userData') gives the desktop app, so the CLI and the app
 * share one store. `--data-dir` or SINCRO_DATA_DIR override it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Sincro';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_NAME);
}

export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env['SINCRO_DATA_DIR'] || defaultDataDir(env);
}
