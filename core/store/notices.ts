/**
 * The in-app inbox (MISSION PLT-4): notices about flows' runs, with unread counts. A flow whose
 * runs keep failing has one notice that counts them: it stays open, and each further failure is
 * merged into it, until the flow's outcome changes (core/host/run-notices.ts decides the words).
 */
import { noticeOutcomes, type NoticeOutcome } from '../api/contract';
import type { Db } from './database';

/** What a run's end can be told as; `settings.notifyOn` chooses which of them raise a notice. */
export const NOTICE_OUTCOMES = noticeOutcomes;
export type { NoticeOutcome };
export type NoticeLevel = 'info' | 'warn' | 'error';

/** Outcomes that merge into one open notice: failures with failures, successes with successes. */
export type NoticeFamily = 'failure' | 'success' | 'once';
export const familyOf = (outcome: NoticeOutcome): NoticeFamily => (outcome === 'failed' || outcome === 'partial' ? 'failure' : outcome === 'succeeded' ? 'success' : 'once');

export interface NoticeInfo {
  id: number;
  flowId: string | null;
  flowName: string | null;
  outcome: NoticeOutcome;
  level: NoticeLevel;
  title: string;
  message: string;
  /** The latest run it is about, and the first one. */
  runId: string | null;
  firstRunId: string | null;
  /** How many runs it counts. */
  count: number;
  /** Failed records in the latest run. */
  failedRecords: number;
  /** Further outcomes of its flow and family are merged into it. */
  open: boolean;
  createdAt: string;
  updatedAt: string;
  readAt: string | null;
}

interface NoticeRow {
  id: number;
  flow_id: string | null;
  flow_name: string | null;
  outcome: string;
  level: string;
  title: string;
  message: string;
  run_id: string | null;
  first_run_id: string | null;
  count: number;
  failed_records: number;
  open: number;
  created_at: string;
  updated_at: string;
  read_at: string | null;
}

export interface NewNotice {
  flowId: string | null;
  flowName: string | null;
  outcome: NoticeOutcome;
  level: NoticeLevel;
  title: string;
  message: string;
  runId: string | null;
  failedRecords?: number;
}

const OUTCOMES_OF: Record<NoticeFamily, readonly NoticeOutcome[]> = { failure: ['failed', 'partial'], success: ['succeeded'], once: [] };
const inList = (outcomes: readonly NoticeOutcome[]) => outcomes.map((o) => `'${o}'`).join(', ') || 'NULL';

export class NoticeRepo {
  constructor(private readonly db: Db) {}

  /** The flow's open notice of a family (the one further outcomes merge into). */
  openFor(flowId: string, family: NoticeFamily): NoticeInfo | undefined {
    const row = this.db.prepare(`SELECT * FROM notices WHERE open = 1 AND flow_id = ? AND outcome IN (${inList(OUTCOMES_OF[family])}) ORDER BY id DESC LIMIT 1`).get(flowId) as NoticeRow | undefined;
    return row && toInfo(row);
  }

  /** Closes the flow's open notices of every other family: its outcome changed. */
  closeOthers(flowId: string, family: NoticeFamily): number {
    const others = (Object.keys(OUTCOMES_OF) as NoticeFamily[]).filter((f) => f !== family).flatMap((f) => OUTCOMES_OF[f]);
    return this.db.prepare(`UPDATE notices SET open = 0 WHERE open = 1 AND flow_id = ? AND outcome IN (${inList(others)})`).run(flowId).changes;
  }

  add(n: NewNotice, now = new Date().toISOString()): NoticeInfo {
    const open = familyOf(n.outcome) === 'once' ? 0 : 1;
    const id = this.db
      .prepare('INSERT INTO notices (flow_id, flow_name, outcome, level, title, message, run_id, first_run_id, count, failed_records, open, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)')
      .run(n.flowId, n.flowName, n.outcome, n.level, n.title, n.message, n.runId, n.runId, n.failedRecords ?? 0, open, now, now).lastInsertRowid;
    return this.get(Number(id)) as NoticeInfo;
  }

  /** One more run of the same outcome family: counted, its words and run updated, unread again. */
  merge(id: number, n: NewNotice, now = new Date().toISOString()): NoticeInfo {
    this.db
      .prepare('UPDATE notices SET outcome = ?, level = ?, title = ?, message = ?, run_id = ?, count = count + 1, failed_records = ?, updated_at = ?, read_at = NULL WHERE id = ?')
      .run(n.outcome, n.level, n.title, n.message, n.runId, n.failedRecords ?? 0, now, id);
    return this.get(id) as NoticeInfo;
  }

  get(id: number): NoticeInfo | undefined {
    const row = this.db.prepare('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
    return row && toInfo(row);
  }

  /** The latest notices, newest change first. */
  list(opts: { limit?: number; unreadOnly?: boolean } = {}): NoticeInfo[] {
    const limit = Math.max(1, Math.min(opts.limit ?? 50, 500));
    const sql = opts.unreadOnly ? 'SELECT * FROM notices WHERE read_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT ?' : 'SELECT * FROM notices ORDER BY updated_at DESC, id DESC LIMIT ?';
    return (this.db.prepare(sql).all(limit) as NoticeRow[]).map(toInfo);
  }

  unreadCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM notices WHERE read_at IS NULL').get() as { n: number }).n;
  }

  /** Marks these notices read (all when no ids are given); how many were unread. */
  markRead(ids?: readonly number[], now = new Date().toISOString()): number {
    if (!ids) return this.db.prepare('UPDATE notices SET read_at = ? WHERE read_at IS NULL').run(now).changes;
    const mark = this.db.prepare('UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL');
    return this.db.transaction(() => ids.reduce((n, id) => n + mark.run(now, id).changes, 0))();
  }

  /** With the run history: notices last changed before the cutoff go (they name flows and errors). */
  purge(cutoff: string): number {
    return this.db.prepare('DELETE FROM notices WHERE updated_at < ?').run(cutoff).changes;
  }
}

function toInfo(r: NoticeRow): NoticeInfo {
  return {
    id: r.id,
    flowId: r.flow_id,
    flowName: r.flow_name,
    outcome: r.outcome as NoticeOutcome,
    level: r.level as NoticeLevel,
    title: r.title,
    message: r.message,
    runId: r.run_id,
    firstRunId: r.first_run_id,
    count: r.count,
    failedRecords: r.failed_records,
    open: r.open === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    readAt: r.read_at,
  };
}
