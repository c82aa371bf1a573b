/**
 * Files and folders only their owner may read: the data folder (0700), the database with its WAL
 * and SHM, the key file and the sandbox state files (0600). A mode given at creation is reduced by
 * the process's umask, and a umask of 0 would still leave the folder 0777 when created with
 * mkdir's default; so the modes are set outright, whatever the umask. (Windows has no such modes;
 * chmod there only toggles read-only, which these calls leave off.)
 */
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folder (and any missing parents) 0700; an existing folder is left as it is. */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  // mkdir made `first` and everything below it down to `dir`: those are ours to set.
  let made = first;
  chmodSync(made, PRIVATE_DIR_MODE);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    made = join(made, part);
    chmodSync(made, PRIVATE_DIR_MODE);
  }
}

/** Writes a new file (or replaces one) readable by its owner only; its folder is created 0700 when missing. */
export function writePrivateFile(path: string, data: string | Uint8Array, flag: 'w' | 'wx' = 'w'): void {
  ensurePrivateDir(dirname(path));
  const fd = openSync(path, flag, PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/**
 * Tightens an existing file to 0600 when group or others may read it (a file from an older
 * Sincro). Best effort: a file that is someone else's to change (EPERM) still opens.
 */
export function makePrivate(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}
