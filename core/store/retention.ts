/**
 * Purging old run history (MISSION PLT-6). Deleting rows alone leaves free pages in the file and
 * a large WAL; the checkpoint and incremental vacuum hand the space back, so the file does not
 * grow without bound on a machine that syncs every few minutes for years.
 */
import { statSync } from 'node:fs';
import type { Db } from './database';

export interface PurgeResult {
  runs: number;
  records: number;
  bytesBefore: number;
  bytesAfter: number;
  cutoff: string;
}

function fileBytes(file: string): number {
  if (file === ':memory:' || file === '') return 0;
  let total = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size;
    } catch {
      // the WAL may not exist
    }
  }
  return total;
}

export function purgeRuns(db: Db, olderThanDays: number, now = new Date()): PurgeResult {
  const file = db.name;
  const bytesBefore = fileBytes(file);
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000).toISOString();
  const { runs, records } = db.transaction(() => {
    const recordCount = db.prepare("SELECT count(*) AS n FROM run_records WHERE run_id IN (SELECT id FROM runs WHERE started_at < ? AND status != 'running')").get(cutoff) as { n: number };
    const runCount = db.prepare("DELETE FROM runs WHERE started_at < ? AND status != 'running'").run(cutoff).changes;
    return { runs: runCount, records: recordCount.n };
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('incremental_vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { runs, records, bytesBefore, bytesAfter: fileBytes(file), cutoff };
}
