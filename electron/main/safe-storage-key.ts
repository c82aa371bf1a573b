/**
 * The store's encryption key in the desktop app, protected by the OS keychain through Electron's
 * safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux). A random 32-byte
 * key is encrypted with safeStorage and kept in a file in the data folder; the key itself is never
 * written in the clear and never leaves main. safeStorage is injected, so this is tested in Node.
 *
 * When the keychain is not there (a Linux session without a secret service: safeStorage then falls
 * back to a fixed password, "basic_text", which protects nothing) the app says so and uses core's
 * 0600 key file, the same as the CLI.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP_KEY_FILE, FileKeyProvider, type KeyProvider } from '../../core/store/secret-box';
import { writePrivateFile } from '../../core/util/private-files';

/** The part of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
}

export const KEYCHAIN_KEY_FILE = DESKTOP_KEY_FILE;
const KEY_BYTES = 32;

export class SafeStorageKeyProvider implements KeyProvider {
  readonly file: string;
  private cached: Buffer | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.file = join(dataDir, KEYCHAIN_KEY_FILE);
  }

  key(): Buffer {
    this.cached ??= existsSync(this.file) ? this.read() : this.create();
    return this.cached;
  }

  describe(): string {
    return `the OS keychain (${this.file})`;
  }

  private read(): Buffer {
    let text: string;
    try {
      text = this.safeStorage.decryptString(readFileSync(this.file));
    } catch (e) {
      throw new Error(
        `The key in ${this.file} cannot be decrypted with the OS keychain (${e instanceof Error ? e.message : String(e)}). ` +
          'Was the keychain reset, or the file copied from another user or computer? Connection secrets cannot be read until the matching keychain is back.',
      );
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`The key file ${this.file} is damaged (expected ${KEY_BYTES} bytes of key). Sincro leaves it as it is, so the secrets it protects are not lost.`);
    return key;
  }

  private create(): Buffer {
    // Connections saved by the CLI (`sincro`) in this folder are sealed with its key file: adopt
    // that key so they still open in the app. The CLI keeps using its file.
    const legacy = new FileKeyProvider(this.dataDir);
    const key = existsSync(legacy.file) ? legacy.key() : randomBytes(KEY_BYTES);
    // 'wx': never overwrite a key file that appeared meanwhile; the secrets sealed with it would be lost.
    writePrivateFile(this.file, this.safeStorage.encryptString(key.toString('base64')), 'wx');
    return key;
  }
}

/** Refuses with a plain message while the keychain that holds the key cannot be reached. */
export class KeychainMissingKeyProvider implements KeyProvider {
  constructor(private readonly file: string) {}
  key(): Buffer {
    throw new Error(
      `Connection secrets are locked with the OS keychain (${this.file}), which Sincro cannot reach now. ` +
        'Start Sincro in a desktop session where the keychain is available (on Linux: GNOME Keyring or KWallet) to use them again.',
    );
  }
  describe(): string {
    return 'the OS keychain (not available now)';
  }
}

export function keychainUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  } catch {
    return false;
  }
}

export interface OpenedKeys {
  keys: KeyProvider;
  /** Said plainly to the user (log and notice) when the keychain is not protecting the key. */
  warning?: string;
}

/**
 * Picks the key provider and makes sure the key exists (created on first start), so a problem
 * shows at start rather than at the first saved connection.
 */
export function openStoreKeys(opts: { dataDir: string; safeStorage: SafeStorageLike; platform?: NodeJS.Platform }): OpenedKeys {
  const platform = opts.platform ?? process.platform;
  const keychainFile = join(opts.dataDir, KEYCHAIN_KEY_FILE);
  if (!keychainUsable(opts.safeStorage, platform)) {
    if (existsSync(keychainFile)) {
      const keys = new KeychainMissingKeyProvider(keychainFile);
      return { keys, warning: failureMessage(() => keys.key()) };
    }
    const keys = new FileKeyProvider(opts.dataDir);
    const problem = failureMessage(() => keys.key());
    return {
      keys,
      warning:
        problem ??
        `The OS keychain is not available${platform === 'linux' ? ' (no GNOME Keyring or KWallet in this session)' : ''}, so connection secrets are encrypted with a key kept in ${keys.file}, readable only by your user account.`,
    };
  }
  const keys = new SafeStorageKeyProvider(opts.dataDir, opts.safeStorage);
  const problem = failureMessage(() => keys.key());
  return problem ? { keys, warning: problem } : { keys };
}

function failureMessage(attempt: () => unknown): string | undefined {
  try {
    attempt();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
