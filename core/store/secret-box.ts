/**
 * Encryption of connection secrets: AES-256-GCM with a fresh IV per write, bound to the row by the
 * connection id as additional data (a blob copied onto another row does not decrypt). The key
 * comes from a KeyProvider: a 0600 key file when headless, the OS keychain in the desktop app.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makePrivate, writePrivateFile } from '../util/private-files';
import { StoreError } from './store-error';

export interface KeyProvider {
  /** 32 bytes. */
  key(): Buffer;
  describe(): string;
}

const FORMAT = 1;

/** Where the desktop app keeps the store key, sealed with the OS keychain (electron/main/safe-storage-key.ts). */
export const DESKTOP_KEY_FILE = 'secret-key.safestorage';

export class SecretBox {
  constructor(private readonly keys: KeyProvider) {}

  seal(plain: Record<string, string>, boundTo: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.key(), iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  open(blob: Buffer, boundTo: string): Record<string, string> {
    // Exit 3 (the data file's problem), naming the connection and what to do, not an "unexpected error".
    const unreadable = (why: string) =>
      new StoreError('damaged', `The secrets of the connection "${boundTo}" cannot be read: ${why}. Restore that key, or remove the connection and add it again (\`sincro connections remove ${boundTo}\`).`);
    if (blob[0] !== FORMAT) throw unreadable('they are stored in a format this Sincro does not know (damaged?)');
    const decipher = createDecipheriv('aes-256-gcm', this.keys.key(), blob.subarray(1, 13));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(blob.subarray(13, 29));
    try {
      const plain = Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as Record<string, string>;
    } catch {
      throw unreadable(`the key from ${this.keys.describe()} does not open them (was the key replaced, or the value damaged?)`);
    }
  }
}

/** The headless key: 32 random bytes in <data dir>/secret.key, readable by the owner only. */
export class FileKeyProvider implements KeyProvider {
  private cached: Buffer | undefined;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'secret.key');
  }

  key(): Buffer {
    if (this.cached) return this.cached;
    if (!existsSync(this.file)) {
      // The desktop app keeps this folder's key in the OS keychain; a second key made here would
      // leave secrets that only one of the two can read.
      if (existsSync(join(dirname(this.file), DESKTOP_KEY_FILE))) {
        throw new Error(`the secrets in ${dirname(this.file)} are protected by the desktop app's OS keychain, so \`sincro\` cannot read them here. Use the desktop app, or give \`sincro\` its own --data-dir.`);
      }
      writePrivateFile(this.file, randomBytes(32).toString('base64'), 'wx');
    }
    // Someone loosened it; tighten rather than refuse, the content is still ours alone to read.
    makePrivate(this.file);
    const key = Buffer.from(readFileSync(this.file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`the key file ${this.file} is damaged (expected 32 bytes of key)`);
    this.cached = key;
    return key;
  }

  describe(): string {
    return `the key file ${this.file}`;
  }
}

/** A key given by the host (the desktop app decrypts it with the OS keychain through safeStorage). */
export class StaticKeyProvider implements KeyProvider {
  constructor(
    private readonly value: Buffer,
    private readonly description = 'the OS keychain',
  ) {
    if (value.length !== 32) throw new Error('a store key must be 32 bytes');
  }
  key(): Buffer {
    return this.value;
  }
  describe(): string {
    return this.description;
  }
}
