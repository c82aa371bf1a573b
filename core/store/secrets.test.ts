import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { DB_FILE, Store } from './store';
import { StoreError } from './store-error';

let dir = tempDir();
afterEach(() => {
  dir.remove();
  dir = tempDir();
});
// The folder made after the last test, too.
afterAll(() => dir.remove());

describe('connection secrets', () => {
  it('are encrypted in the file, decrypted only inside core, and never listed', () => {
    const store = Store.open({ dataDir: dir.path });
    store.connections.add({ id: 'tl', kind: 'http', name: 'Teamleader', config: { baseUrl: 'https://api.example.com' }, secrets: { token: 'super-secret-token-123' } });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir.path, DB_FILE)).includes('super-secret-token-123')).toBe(false);
    expect(JSON.stringify(store.connections.list())).not.toContain('super-secret');
    expect(store.connections.list()[0]?.secretFields).toEqual(['token']);
    expect(store.connections.get('tl')?.secrets).toEqual({ token: 'super-secret-token-123' });
    store.close();
  });

  it('keep their key in a file only the owner can read', () => {
    const store = Store.open({ dataDir: dir.path });
    store.connections.add({ kind: 'http', name: 'x', secrets: { token: 't' } });
    expect(statSync(join(dir.path, 'secret.key')).mode & 0o777).toBe(0o600);
    store.close();
  });

  it('replace atomically, keeping the other secret fields (a rotated refresh token)', () => {
    const store = Store.open({ dataDir: dir.path });
    store.connections.add({ id: 'tl', kind: 'teamleader', name: 'TL', secrets: { clientSecret: 'cs', refreshToken: 'old' } });
    store.connections.updateSecrets('tl', { refreshToken: 'new' });
    expect(store.connections.get('tl')?.secrets).toEqual({ clientSecret: 'cs', refreshToken: 'new' });
    store.close();
  });

  it('cannot be read with another key, and say why', () => {
    const store = Store.open({ dataDir: dir.path });
    store.connections.add({ id: 'tl', kind: 'http', name: 'x', secrets: { token: 't' } });
    store.close();
    const other = tempDir();
    try {
      const elsewhere = Store.open({ dataDir: dir.path, keys: { key: () => Buffer.alloc(32, 7), describe: () => 'another key' } });
      expect(() => elsewhere.connections.get('tl')).toThrow('The secrets of the connection "tl" cannot be read: the key from another key does not open them (was the key replaced, or the value damaged?).');
      expect(() => elsewhere.connections.get('tl')).toThrow(StoreError);
      elsewhere.close();
    } finally {
      other.remove();
    }
  });
});

describe('the headless key next to the desktop app', () => {
  it('is never made a second time when the desktop app keeps the key in the OS keychain', () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir.path, 'secret-key.safestorage'), 'sealed by the OS keychain');
      const store = Store.open({ dataDir: dir.path });
      expect(() => store.connections.add({ kind: 'http', name: 'x', secrets: { token: 't' } })).toThrow(/protected by the desktop app's OS keychain/);
      expect(existsSync(join(dir.path, 'secret.key'))).toBe(false);
      store.close();
    } finally {
      dir.remove();
    }
  });
});
