import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_STATE_FILE, DesktopStateFile } from './desktop-state-file';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sincro-state-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the desktop state file', () => {
  it('remembers the window and the tray hint across starts', () => {
    const dir = dataDir();
    const first = new DesktopStateFile(dir);
    expect(first.get()).toEqual({});
    first.update({ window: { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: false } });
    first.update({ trayHintShown: true });
    expect(new DesktopStateFile(dir).get()).toEqual({ window: { bounds: { x: 1, y: 2, width: 900, height: 700 }, maximized: false }, trayHintShown: true });
    expect(existsSync(join(dir, `${DESKTOP_STATE_FILE}.tmp`))).toBe(false);
  });

  it('starts from nothing when the file is damaged or of another shape, and repairs it on the next save', () => {
    const dir = dataDir();
    const file = join(dir, DESKTOP_STATE_FILE);
    for (const text of ['{not json', '[]', JSON.stringify({ window: { bounds: { x: 'a' } } })]) {
      writeFileSync(file, text);
      expect(new DesktopStateFile(dir).get()).toEqual({});
    }
    new DesktopStateFile(dir).update({ trayHintShown: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ trayHintShown: true });
  });

  it('creates the data folder when it does not exist yet', () => {
    const dir = join(dataDir(), 'not', 'yet');
    new DesktopStateFile(dir).update({ trayHintShown: false });
    expect(new DesktopStateFile(dir).get()).toEqual({ trayHintShown: false });
  });
});
