/**
 * SQLite's quick_check reads the whole data file: about 4 ms per MB, so a store with a large
 * history would make every `sincro` command and every start of the app seconds slower. Sincro
 * therefore notes, when it closes the file cleanly, how the file looked then (`sincro.db.checked`:
 * size and modification time) and when a check last passed. The next open skips the check only
 * when the file is exactly as it was left, nothing is open on it (no -wal or -journal beside it), it
 * was left more than two seconds ago (file times are coarse: a change within the same tick would
 * not show), and the last check passed less than a day ago. Anything else (a crash, another program
 * writing to it, a damaged disk that changed it) is checked before it is used; `sincro doctor`
 * always checks everything.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { writePrivateFile } from '../util/private-files';

const TRUSTED_FOR_MS = 24 * 60 * 60 * 1000;
const SETTLED_MS = 2000;

interface CheckedMark {
  size: number;
  mtimeMs: number;
  checkedAt: number;
}

const markFile = (file: string) => `${file}.checked`;

/** When the file's last check passed, if the file is as Sincro left it since; else undefined (check it). */
export function trustedSince(file: string, now = Date.now()): number | undefined {
  try {
    if (existsSync(`${file}-wal`) || existsSync(`${file}-journal`) || !existsSync(markFile(file))) return undefined;
    const mark = JSON.parse(readFileSync(markFile(file), 'utf8')) as Partial<CheckedMark>;
    const stat = statSync(file);
    const same = stat.size === mark.size && stat.mtimeMs === mark.mtimeMs;
    const settled = now - stat.mtimeMs > SETTLED_MS;
    const recent = typeof mark.checkedAt === 'number' && now - mark.checkedAt < TRUSTED_FOR_MS;
    return same && settled && recent ? mark.checkedAt : undefined;
  } catch {
    return undefined;
  }
}

/** After a clean close: how the file looks now, and when its last check passed. */
export function markChecked(file: string, checkedAt: number): void {
  try {
    const stat = statSync(file);
    writePrivateFile(markFile(file), JSON.stringify({ size: stat.size, mtimeMs: stat.mtimeMs, checkedAt } satisfies CheckedMark));
  } catch {
    // Only an optimisation: without the mark, the next open checks the file.
  }
}
