import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';
import { sincroIn } from '../testing/cli-call';
import { customersFlow, rowCount } from '../testing/store-files';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('sincro-purge-');
});
afterEach(() => dir.remove());

/** Every file in the data folder (the database, its WAL, SHM or rollback journal) that holds `marker`, raw bytes. */
function filesHolding(dataDir: string, marker: string): string[] {
  return readdirSync(dataDir).filter((name) => readFileSync(join(dataDir, name)).includes(Buffer.from(marker)));
}

describe('purging run history', () => {
  it("leaves nothing of a purged customer's data in the raw data file, its WAL or a journal", async () => {
    const marker = `gdpr-marker-${randomBytes(6).toString('hex')}`;
    const dataDir = join(dir.path, 'data');
    const flowFile = customersFlow(dir.path, 400, marker);
    for (let i = 0; i < 2; i++) expect((await sincroIn(dataDir, 'run', flowFile)).code).toBe(0);
    // The history holds the marker (the records' keys, in the file or the WAL), so its absence below means something.
    expect(filesHolding(dataDir, marker).length).toBeGreaterThan(0);

    const purge = await sincroIn(dataDir, 'purge', '--older-than', '0');
    expect(purge.out).toMatch(/^Deleted 2 run\(s\) with 800 record\(s\)/);
    expect(filesHolding(dataDir, marker)).toEqual([]);
    expect((await sincroIn(dataDir, 'runs', 'find', `${marker}-customer7@example.com`, '--json')).out.trim()).toBe('[]');
    // The lineages are compressed (not greppable), and went with their runs.
    expect(rowCount(join(dataDir, 'sincro.db'), 'run_lineage')).toBe(0);
  });
});
