import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider, SecretBox } from '../../core/store/secret-box';
import { KEYCHAIN_KEY_FILE, keychainUsable, openStoreKeys, SafeStorageKeyProvider, type SafeStorageLike } from './safe-storage-key';

/** A keychain stand-in: AES-GCM under a key of its own, like safeStorage's OS-held key. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; osKey?: Buffer } = {}) {
  const osKey = opts.osKey ?? randomBytes(32);
  let encryptions = 0;
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      encryptions++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(blob) {
      const d = createDecipheriv('aes-256-gcm', osKey, blob.subarray(0, 12));
      d.setAuthTag(blob.subarray(12, 28));
      return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8');
    },
  };
  return { storage, osKey, encryptions: () => encryptions };
}

const dirs: string[] = [];
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sincro-key-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the store key kept with safeStorage', () => {
  it('is created on first start: 32 random bytes, stored only encrypted, owner-only file', () => {
    const dir = dataDir();
    const ss = fakeSafeStorage();
    const { keys, warning } = openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'linux' });
    expect(warning).toBeUndefined();
    expect(keys).toBeInstanceOf(SafeStorageKeyProvider);
    const key = keys.key();
    expect(key).toHaveLength(32);
    const file = join(dir, KEYCHAIN_KEY_FILE);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(onDisk.includes(key)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    expect(keys.describe()).toContain('OS keychain');
  });

  it('is reused on the next start, so sealed secrets open again', () => {
    const dir = dataDir();
    const ss = fakeSafeStorage();
    const first = openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'darwin' }).keys;
    const sealed = new SecretBox(first).seal({ token: 's3cret' }, 'conn-1');
    const again = fakeSafeStorage({ osKey: ss.osKey });
    const second = openStoreKeys({ dataDir: dir, safeStorage: again.storage, platform: 'darwin' }).keys;
    expect(second.key().equals(first.key())).toBe(true);
    expect(new SecretBox(second).open(sealed, 'conn-1')).toEqual({ token: 's3cret' });
    expect(again.encryptions()).toBe(0);
  });

  it('adopts the CLI’s key file on first start, so connections made with `sincro` still open', () => {
    const dir = dataDir();
    const cli = new FileKeyProvider(dir);
    const sealed = new SecretBox(cli).seal({ apiKey: 'k' }, 'c');
    const { keys } = openStoreKeys({ dataDir: dir, safeStorage: fakeSafeStorage().storage, platform: 'win32' });
    expect(keys.key().equals(cli.key())).toBe(true);
    expect(new SecretBox(keys).open(sealed, 'c')).toEqual({ apiKey: 'k' });
  });

  it('refuses a damaged or foreign key file and leaves it untouched', () => {
    const dir = dataDir();
    const file = join(dir, KEYCHAIN_KEY_FILE);
    const ss = fakeSafeStorage();

    writeFileSync(file, Buffer.from('not encrypted at all, just junk bytes here'));
    const junk = readFileSync(file);
    const damaged = openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'linux' });
    expect(damaged.warning).toMatch(/cannot be decrypted with the OS keychain/);
    expect(() => damaged.keys.key()).toThrow(/cannot be decrypted with the OS keychain/);
    expect(readFileSync(file).equals(junk)).toBe(true);

    // Decrypts, but is not 32 bytes of key.
    writeFileSync(file, ss.storage.encryptString(Buffer.alloc(16).toString('base64')));
    const short = openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'linux' });
    expect(short.warning).toMatch(/is damaged \(expected 32 bytes of key\)/);

    // Encrypted by another user's keychain.
    rmSync(file);
    openStoreKeys({ dataDir: dir, safeStorage: fakeSafeStorage().storage, platform: 'linux' });
    expect(() => new SafeStorageKeyProvider(dir, ss.storage).key()).toThrow(/another user or computer/);
  });

  it('falls back to the 0600 key file, and says so, when there is no keychain', () => {
    for (const ss of [fakeSafeStorage({ available: false }), fakeSafeStorage({ backend: 'basic_text' })]) {
      const dir = dataDir();
      const { keys, warning } = openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'linux' });
      expect(keys).toBeInstanceOf(FileKeyProvider);
      expect(warning).toMatch(/^The OS keychain is not available \(no GNOME Keyring or KWallet in this session\), so connection secrets are encrypted with a key kept in .*secret\.key, readable only by your user account\.$/);
      expect(keys.key()).toHaveLength(32);
      if (process.platform !== 'win32') expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dir, KEYCHAIN_KEY_FILE))).toBe(false);
    }
  });

  it('only trusts a real keychain: "basic_text" counts on Linux alone, and errors mean no', () => {
    expect(keychainUsable(fakeSafeStorage({ backend: 'basic_text' }).storage, 'linux')).toBe(false);
    expect(keychainUsable(fakeSafeStorage({ backend: 'basic_text' }).storage, 'darwin')).toBe(true);
    expect(keychainUsable({ ...fakeSafeStorage().storage, isEncryptionAvailable: () => { throw new Error('not ready'); } }, 'linux')).toBe(false);
  });

  it('does not start a second key when the keychain that holds the first is missing', () => {
    const dir = dataDir();
    const ss = fakeSafeStorage();
    openStoreKeys({ dataDir: dir, safeStorage: ss.storage, platform: 'linux' }).keys.key();
    const { keys, warning } = openStoreKeys({ dataDir: dir, safeStorage: fakeSafeStorage({ available: false }).storage, platform: 'linux' });
    expect(warning).toMatch(/locked with the OS keychain .* which Sincro cannot reach now/);
    expect(() => keys.key()).toThrow(/cannot reach now/);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});
