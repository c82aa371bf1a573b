/**
 * What `sincro doctor --recover` does with values SQLite can read but Sincro cannot (stored-json.ts):
 * each is set aside in the recovered copy so the copy is whole again, in the way that keeps the
 * most of what it belonged to. The damaged file itself is kept as it was.
 */
import { deflateRawSync } from 'node:zlib';
import type { Db } from './database';
import { countsFromRecords } from './interrupted-runs';
import { DAMAGED_LINEAGE_NODE } from './lineage-chunks';
import { badLines, findDamagedValues, inflatedLines, type DamagedValue } from './stored-json';

export interface SetAside extends DamagedValue {
  /** What became of it, in words. */
  done: string;
}

/** The lineage a record shows after its own was set aside. */
const LOST_LINEAGE = JSON.stringify([{ node: DAMAGED_LINEAGE_NODE, error: 'History damaged: this lineage could not be read and was set aside by `sincro doctor --recover`.' }]);

/** Repairs every damaged value of `db` (the recovered copy), and says what it did with each. */
export function setAsideDamagedValues(db: Db): SetAside[] {
  const done: SetAside[] = [];
  for (const v of findDamagedValues(db)) done.push({ ...v, done: setAside(db, v) });
  return done;
}

function setAside(db: Db, v: DamagedValue): string {
  const key = `${v.table}.${v.column}`;
  switch (key) {
    case 'runs.counts': {
      const runId = (db.prepare('SELECT id FROM runs WHERE rowid = ?').pluck().get(v.rowid) as string);
      db.prepare('UPDATE runs SET counts = ? WHERE rowid = ?').run(JSON.stringify(countsFromRecords(db, runId)), v.rowid);
      return 'counted again from its records';
    }
    case 'run_records.lineage':
      db.prepare('UPDATE run_records SET lineage = ? WHERE rowid = ?').run(LOST_LINEAGE, v.rowid);
      return 'the record kept, its lineage marked as lost';
    case 'run_lineage.data': {
      const chunk = db.prepare('SELECT run_id, chunk, data FROM run_lineage WHERE rowid = ?').get(v.rowid) as { run_id: string; chunk: number; data: Buffer };
      const lines = inflatedLines(chunk.data);
      if (lines) {
        // Only the lines that are not JSON are lost; the chunk keeps the others in their places.
        const bad = badLines(lines);
        for (const i of bad) lines[i] = LOST_LINEAGE;
        db.prepare('UPDATE run_lineage SET data = ? WHERE rowid = ?').run(deflateRawSync(lines.join('\n'), { level: 1 }), v.rowid);
        return `the records kept, ${bad.length === 1 ? 'one lineage' : `${bad.length} lineages`} marked as lost`;
      }
      const records = db.prepare('UPDATE run_records SET lineage = ?, lineage_chunk = NULL, lineage_index = NULL WHERE run_id = ? AND lineage_chunk = ?').run(LOST_LINEAGE, chunk.run_id, chunk.chunk).changes;
      db.prepare('DELETE FROM run_lineage WHERE rowid = ?').run(v.rowid);
      return `the ${records} records kept, their lineages marked as lost`;
    }
    case 'connections.last_test':
      db.prepare('UPDATE connections SET last_test = NULL WHERE rowid = ?').run(v.rowid);
      return 'forgotten (test the connection again)';
    case 'connections.config':
      db.prepare("UPDATE connections SET config = '{}' WHERE rowid = ?").run(v.rowid);
      return 'emptied: the connection and its secrets are kept; set its settings again';
    case 'settings.value':
      db.prepare('DELETE FROM settings WHERE rowid = ?').run(v.rowid);
      return 'back to its default (set it again with `sincro settings set`)';
    case 'flow_versions.document': {
      const { flow_id: flowId } = db.prepare('SELECT flow_id FROM flow_versions WHERE rowid = ?').get(v.rowid) as { flow_id: string };
      db.prepare('DELETE FROM flow_versions WHERE rowid = ?').run(v.rowid);
      const newest = db.prepare('SELECT max(version) FROM flow_versions WHERE flow_id = ?').pluck().get(flowId) as number | null;
      if (newest === null) {
        db.prepare('DELETE FROM flows WHERE id = ?').run(flowId);
        return 'removed; it was the flow\'s only version, so the flow is gone (its runs stay): save it again from its file';
      }
      db.prepare('UPDATE flows SET current_version = ? WHERE id = ? AND current_version NOT IN (SELECT version FROM flow_versions WHERE flow_id = ?)').run(newest, flowId, flowId);
      return `removed; the flow goes on from version ${newest}`;
    }
    case 'id_ledger.origin':
      db.prepare('UPDATE id_ledger SET origin = NULL WHERE rowid = ?').run(v.rowid);
      return 'forgotten: the copy is known by its origin marker only';
    default:
      throw new Error(`no way to set aside a damaged ${key}`);
  }
}
