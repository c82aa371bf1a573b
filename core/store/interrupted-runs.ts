/**
 * A run whose process died (killed, crashed, the machine went off) is marked interrupted once:
 * status failed, its end fixed at its last sign of life, and its counts taken from the records it
 * wrote. What the id ledger knows it created but its history lost (the last second before the
 * crash) is added to its history, so every target record it made names this run.
 */
import { emptyCounts, type NodeCounts } from '../api/run-model';
import type { Db } from './database';
import { LineageChunks } from './lineage-chunks';

export const LEDGER_NODE = '(id ledger)';

/**
 * runs.interrupted: 0 a run that ended by itself; NOT_TOLD one marked interrupted whose failure no
 * notice has told yet (run-notices.ts tells it, in whichever host looks next); TOLD once it has.
 */
export const INTERRUPTED_TOLD = 1;
/** Also written out in runs.ts's query and migration 7's partial index, which must match it. */
const NOT_TOLD = 2;

export interface RunCounts {
  read: number;
  ok: number;
  skipped: number;
  failed: number;
  nodes: Record<string, NodeCounts>;
}

/**
 * What a run did, from its written records: outcomes per record, and per node what its lineage
 * steps say (records in, out per port, created, updated, unchanged). Records copied by a fan-out
 * share their first steps, which then count once per copy.
 */
export function countsFromRecords(db: Db, runId: string): RunCounts {
  const counts: RunCounts = { read: 0, ok: 0, skipped: 0, failed: 0, nodes: {} };
  const node = (id: string) => (counts.nodes[id] ??= emptyCounts());
  const ends = db.prepare('SELECT node, status, count(*) AS n FROM run_records WHERE run_id = ? GROUP BY node, status').all(runId) as Array<{ node: string; status: 'ok' | 'skipped' | 'failed'; n: number }>;
  for (const e of ends) {
    counts[e.status] += e.n;
    counts.read += e.n;
    if (e.status !== 'ok') node(e.node)[e.status] += e.n;
  }
  for (const steps of new LineageChunks(db).stepsOfRun(runId)) {
    steps.forEach((s, i) => {
      if (typeof s.node !== 'string') return;
      // A record known only from the id ledger counts as what it did (created), under the ledger,
      // so the created of an interrupted run's counts add up to the creates its records name.
      if (s.node === LEDGER_NODE) {
        if (s.action === 'create') node(s.node).created++;
        return;
      }
      const c = node(s.node);
      if (i > 0) c.in++;
      if (typeof s.port === 'string') c.out[s.port] = (c.out[s.port] ?? 0) + 1;
      if (s.action === 'create') c.created++;
      else if (s.action === 'update') c.updated++;
      else if (s.action === 'unchanged') c.unchanged++;
    });
  }
  return counts;
}

/**
 * What a run still going on has done so far, cheaply (it is asked for while the run goes on): per
 * record its outcome and what its last node did, without reading the lineage.
 */
export function countsSoFar(db: Db, runId: string): RunCounts {
  const counts: RunCounts = { read: 0, ok: 0, skipped: 0, failed: 0, nodes: {} };
  const rows = db.prepare('SELECT node, status, action, port, count(*) AS n FROM run_records WHERE run_id = ? GROUP BY 1, 2, 3, 4').all(runId) as Array<{
    node: string;
    status: 'ok' | 'skipped' | 'failed';
    action: string | null;
    port: string | null;
    n: number;
  }>;
  for (const r of rows) {
    counts[r.status] += r.n;
    counts.read += r.n;
    const c = (counts.nodes[r.node] ??= emptyCounts());
    if (r.status !== 'ok') c[r.status] += r.n;
    if (r.port !== null) c.out[r.port] = (c.out[r.port] ?? 0) + r.n;
    if (r.action === 'create') c.created += r.n;
    else if (r.action === 'update') c.updated += r.n;
    else if (r.action === 'unchanged') c.unchanged += r.n;
  }
  return counts;
}

function interruptedError(c: RunCounts): string {
  const created = Object.values(c.nodes).reduce((n, x) => n + x.created, 0);
  const updated = Object.values(c.nodes).reduce((n, x) => n + x.updated, 0);
  return (
    'Interrupted: Sincro stopped while this run was going on (the process was killed or crashed, or the computer went off). ' +
    `Before that it finished ${c.read} record(s): ${c.ok} done, ${c.skipped} skipped, ${c.failed} failed; ${created} created and ${updated} updated in the target(s). ` +
    'Records it had not finished are not in its history. Run the flow again: records already sent are not sent twice.'
  );
}

interface LedgerCreation {
  scope: string;
  entity: string;
  source_id: string;
  target_id: string;
}

function addLedgerRecord(db: Db, runId: string, c: LedgerCreation): void {
  const next = db.prepare('SELECT coalesce(max(seq), -1) + 1 AS seq FROM run_records WHERE run_id = ?').get(runId) as { seq: number };
  const note = `created ${c.entity} ${c.target_id} in ${c.scope} before the run was interrupted (the id ledger kept this; the rest of this record's history was lost)`;
  db.prepare("INSERT INTO run_records (run_id, seq, source_key, source_node, status, node, port, action, target_id, message, lineage) VALUES (?, ?, ?, ?, 'ok', ?, NULL, 'create', ?, ?, ?)").run(
    runId,
    next.seq,
    c.source_id,
    LEDGER_NODE,
    LEDGER_NODE,
    c.target_id,
    note,
    JSON.stringify([{ node: LEDGER_NODE, action: 'create', targetId: c.target_id, note }]),
  );
}

/** Target records the ledger says this run created, which its written history does not name. */
function completeFromLedger(db: Db, runId: string): void {
  const created = db.prepare("SELECT scope, entity, source_id, target_id FROM id_ledger WHERE created_by = ? AND state = 'done' AND target_id IS NOT NULL").all(runId) as LedgerCreation[];
  if (!created.length) return;
  const named = new Set<string | undefined>();
  for (const steps of new LineageChunks(db).stepsOfRun(runId)) for (const s of steps) if (s.action === 'create') named.add(s.targetId);
  for (const c of created) if (!named.has(c.target_id)) addLedgerRecord(db, runId, c);
}

function settle(db: Db, runId: string, endedAt: string | null): void {
  const counts = countsFromRecords(db, runId);
  db.prepare(`UPDATE runs SET status = 'failed', interrupted = ${NOT_TOLD}, finished_at = coalesce(?, finished_at, heartbeat_at, started_at), counts = ?, error = ? WHERE id = ?`).run(endedAt, JSON.stringify(counts), interruptedError(counts), runId);
}

/**
 * Marks a run that is still 'running' as interrupted, once (a second caller finds it settled).
 * Its end is `endedAt`, or else its last sign of life: the last heartbeat or written records.
 */
export function interruptRun(db: Db, runId: string, endedAt?: string): boolean {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT status FROM runs WHERE id = ?').get(runId) as { status: string } | undefined;
      if (row?.status !== 'running') return false;
      completeFromLedger(db, runId);
      settle(db, runId, endedAt ?? null);
      return true;
    })
    .immediate();
}

/**
 * A later run confirmed a create that `creatorRunId` began but never saw answered (it found the
 * record in the target). When that run was interrupted, its history gets the record it made.
 */
export function confirmInterruptedCreate(db: Db, creatorRunId: string, c: LedgerCreation): void {
  const run = db.prepare('SELECT interrupted FROM runs WHERE id = ?').get(creatorRunId) as { interrupted: number } | undefined;
  if (!run?.interrupted) return;
  const named = db.prepare("SELECT 1 FROM run_records WHERE run_id = ? AND target_id = ? AND action = 'create'").get(creatorRunId, c.target_id);
  if (named) return;
  addLedgerRecord(db, creatorRunId, c);
  settle(db, creatorRunId, null);
}
