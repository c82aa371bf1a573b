import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { damagePage, pagesOf, storeWithHistory } from '../testing/store-files';
import { trustedSince } from './checked-mark';
import { StoreError } from './database';
import { DB_FILE, Store } from './store';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-checked-');
});
afterEach(() => dir.remove());

/** Pretends the file was left `ms` ago (file times are coarse; the mark is trusted only once settled). */
const leftAgo = (file: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  utimesSync(file, t, t);
};

describe('the check on open is skipped only for a file exactly as Sincro left it', () => {
  it('a clean close notes the file; the next open trusts it only when nothing changed it since', async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 50, 1);
    expect(readdirSync(dataDir)).toContain(`${DB_FILE}.checked`);
    // Just closed: the file's time may not show a change made in the same tick, so it is checked.
    expect(trustedSince(file)).toBeUndefined();

    Store.open({ dataDir }).close();
    leftAgo(file, 5000);
    // The mark describes the file as it was; touching the file's time alone makes it differ.
    expect(trustedSince(file)).toBeUndefined();
    Store.open({ dataDir }).close();
    const now = Date.now();
    expect(trustedSince(file, now + 5000)).toBeGreaterThan(0);
    expect(trustedSince(file, now + 25 * 3600 * 1000)).toBeUndefined();
  });

  it('a file damaged after it was noted is checked, and refused', async () => {
    const { dataDir, file } = await storeWithHistory(dir.path, 200, 1);
    Store.open({ dataDir }).close();
    const leaf = pagesOf(file, 'run_records').filter((p) => p.type === 'leaf')[1];
    damagePage(file, leaf?.page ?? 0);
    leftAgo(file, 5000); // even long after: the damage changed the file's time
    expect(() => Store.open({ dataDir })).toThrow(StoreError);
    expect(join(dataDir, DB_FILE)).toBe(file);
  });
});
