import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-modes-');
});
afterEach(() => dir.remove());

describe.skipIf(process.platform === 'win32')('files only their owner may read', () => {
  it('makes the data folder 0700 and the database, its WAL and SHM, the key and the sandbox state files 0600 under umask 000', () => {
    const dataDir = join(dir.path, 'new', 'Sincro');
    const child = spawnSync('sh', ['-c', 'umask 000 && exec "$0" --import tsx "$1" "$2"', process.execPath, resolve('core/testing/private-files-child.ts'), dataDir], { encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).toBe('');
    const { umask, modes } = JSON.parse(child.stdout) as { umask: string; modes: Record<string, string> };
    expect(umask).toBe('0');
    expect(Object.keys(modes)).toHaveLength(8);
    for (const [path, mode] of Object.entries(modes)) expect(`${path} ${mode}`).toBe(`${path} ${path === '/' || path === '/sandboxes' ? '700' : '600'}`);
  });
});
