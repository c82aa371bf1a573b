/**
 * Flows with versions: a save that changes the document is a new version, and every run records
 * the version it ran, so a run can always be read against the flow as it was.
 *
 * An edit session makes one version, not one per change (issue 11 §8). The editor saves by itself
 * a moment after each change, naming its window's session; a save without a note replaces the
 * version its session saved last when that version is still the flow's current one, was saved
 * less than EDIT_SESSION_MS before, and no run has used it. A note, a run, another window, or a
 * pause of that long starts a new version. An edit session that comes back to the version before
 * it leaves no version of its own.
 */
import { createHash } from 'node:crypto';
import type { FlowDocument } from '../api/flow-document';
import type { Db } from './database';
import { parseStoredJson } from './stored-json';

export interface FlowInfo {
  id: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastRun?: { id: string; status: string; startedAt: string };
}

export interface FlowVersionInfo {
  version: number;
  savedAt: string;
  note: string | null;
}

export interface SavedFlow {
  id: string;
  version: number;
  /** False when the document equals the current version (nothing new was stored). */
  changed: boolean;
  /** True when the save replaced the version its edit session saved before (no new version). */
  replaced?: true;
}

/** How long after its last save an edit session still goes on. */
export const EDIT_SESSION_MS = 10 * 60_000;

export interface SaveOptions {
  /** The folder relative file paths in the flow start from. */
  baseDir?: string;
  /** The editor window saving (a random id per window): its saves without a note make one version. */
  session?: string;
  now?: Date;
}

interface CurrentRow {
  v: number;
  hash: string;
  saved_at: string;
  note: string | null;
  edit_session: string | null;
}

export class FlowRepo {
  constructor(private readonly db: Db) {}

  save(doc: FlowDocument, note?: string, opts: SaveOptions = {}): SavedFlow {
    const { document, hash } = hashed(doc);
    const at = opts.now ?? new Date();
    const now = at.toISOString();
    const { baseDir, session } = opts;
    return this.db.transaction((): SavedFlow => {
      const current = this.db
        .prepare('SELECT f.current_version AS v, fv.hash, fv.saved_at, fv.note, fv.edit_session FROM flows f JOIN flow_versions fv ON fv.flow_id = f.id AND fv.version = f.current_version WHERE f.id = ?')
        .get(doc.id) as CurrentRow | undefined;
      if (baseDir !== undefined) this.db.prepare('UPDATE flows SET base_dir = ? WHERE id = ?').run(baseDir, doc.id);
      if (current?.hash === hash) {
        // A note for what is saved already names that version, and ends its edit session.
        if (note && !current.note) this.db.prepare('UPDATE flow_versions SET note = ?, edit_session = NULL WHERE flow_id = ? AND version = ?').run(note, doc.id, current.v);
        return { id: doc.id, version: current.v, changed: false };
      }
      if (current && !note && session && this.sessionGoesOn(doc.id, current, session, at)) return this.replace(doc, current.v, document, hash, now);
      const version = (current?.v ?? 0) + 1;
      if (current) this.db.prepare('UPDATE flows SET name = ?, current_version = ?, updated_at = ? WHERE id = ?').run(doc.name, version, now, doc.id);
      else this.db.prepare('INSERT INTO flows (id, name, current_version, base_dir, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(doc.id, doc.name, version, baseDir ?? null, now, now);
      this.db.prepare('INSERT INTO flow_versions (flow_id, version, document, hash, saved_at, note, edit_session) VALUES (?, ?, ?, ?, ?, ?, ?)').run(doc.id, version, document, hash, now, note ?? null, note ? null : (session ?? null));
      return { id: doc.id, version, changed: true };
    })();
  }

  private sessionGoesOn(flowId: string, current: CurrentRow, session: string, at: Date): boolean {
    if (current.edit_session !== session || current.note) return false;
    if (at.getTime() - Date.parse(current.saved_at) > EDIT_SESSION_MS) return false;
    const ran = this.db.prepare('SELECT 1 FROM runs WHERE flow_id = ? AND flow_version = ? LIMIT 1').get(flowId, current.v);
    return !ran;
  }

  /** The session's version takes the new document; back to the version before it, it goes. */
  private replace(doc: FlowDocument, version: number, document: string, hash: string, now: string): SavedFlow {
    const before = this.db.prepare('SELECT hash FROM flow_versions WHERE flow_id = ? AND version = ?').get(doc.id, version - 1) as { hash: string } | undefined;
    if (before?.hash === hash) {
      this.db.prepare('DELETE FROM flow_versions WHERE flow_id = ? AND version = ?').run(doc.id, version);
      this.db.prepare('UPDATE flows SET name = ?, current_version = ?, updated_at = ? WHERE id = ?').run(doc.name, version - 1, now, doc.id);
      return { id: doc.id, version: version - 1, changed: true, replaced: true };
    }
    this.db.prepare('UPDATE flow_versions SET document = ?, hash = ?, saved_at = ? WHERE flow_id = ? AND version = ?').run(document, hash, now, doc.id, version);
    this.db.prepare('UPDATE flows SET name = ?, updated_at = ? WHERE id = ?').run(doc.name, now, doc.id);
    return { id: doc.id, version, changed: true, replaced: true };
  }

  /** The stored version equal to `doc` when it is the flow's current one; nothing is written. */
  currentVersionOf(doc: FlowDocument): number | undefined {
    const row = this.db.prepare('SELECT f.current_version AS v, fv.hash FROM flows f JOIN flow_versions fv ON fv.flow_id = f.id AND fv.version = f.current_version WHERE f.id = ?').get(doc.id) as { v: number; hash: string } | undefined;
    return row && row.hash === hashed(doc).hash ? row.v : undefined;
  }

  get(id: string, version?: number): { doc: FlowDocument; version: number; baseDir: string | null } | undefined {
    const row = this.db
      .prepare('SELECT fv.document, fv.version, f.base_dir FROM flows f JOIN flow_versions fv ON fv.flow_id = f.id AND fv.version = coalesce(?, f.current_version) WHERE f.id = ?')
      .get(version ?? null, id) as { document: string; version: number; base_dir: string | null } | undefined;
    return row && { doc: parseStoredJson<FlowDocument>(row.document, { table: 'flow_versions', row: `${id} version ${row.version}`, column: 'document' }, this.db.name), version: row.version, baseDir: row.base_dir };
  }

  list(): FlowInfo[] {
    const rows = this.db
      .prepare(
        `SELECT f.id, f.name, f.current_version, f.created_at, f.updated_at, r.id AS run_id, r.status, r.started_at
         FROM flows f LEFT JOIN runs r ON r.id = (SELECT id FROM runs WHERE flow_id = f.id AND dry_run = 0 ORDER BY started_at DESC LIMIT 1)
         ORDER BY f.name`,
      )
      .all() as Array<{ id: string; name: string; current_version: number; created_at: string; updated_at: string; run_id: string | null; status: string | null; started_at: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      version: r.current_version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      ...(r.run_id ? { lastRun: { id: r.run_id, status: r.status ?? '', startedAt: r.started_at ?? '' } } : {}),
    }));
  }

  versions(id: string): FlowVersionInfo[] {
    return (this.db.prepare('SELECT version, saved_at, note FROM flow_versions WHERE flow_id = ? ORDER BY version DESC').all(id) as Array<{ version: number; saved_at: string; note: string | null }>).map((r) => ({ version: r.version, savedAt: r.saved_at, note: r.note }));
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM flows WHERE id = ?').run(id).changes > 0;
  }
}

function hashed(doc: FlowDocument): { document: string; hash: string } {
  const document = JSON.stringify(doc);
  return { document, hash: createHash('sha256').update(document).digest('hex') };
}
