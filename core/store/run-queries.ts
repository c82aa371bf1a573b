/**
 * Reading the run history at volume (100,000 runs, 10 million records): every list is paged by
 * keyset (the last row's sort key, never OFFSET, so a deep page costs what the first does), and
 * every filter is a range of one index (migration 5), so no query scans a table. Statuses are
 * written into the SQL as literals from a fixed list: a partial index (a run's failed records) is
 * only used for a condition SQLite can see.
 */
import type { RecordStatus } from '../engine/services';
import type { Db } from './database';

export const RUN_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'cancelled'] as const;
export const RECORD_STATUSES = ['ok', 'skipped', 'failed'] as const;
/** Who started a run, as the history filters it (the trigger keeps the detail: cli, dry run, demo). */
export const STARTED_BY = ['manual', 'schedule', 'retry'] as const;
export type StartedBy = (typeof STARTED_BY)[number];

export function startedByOf(trigger: string): StartedBy {
  return trigger === 'schedule' || trigger === 'retry' ? trigger : 'manual';
}

export interface RunFilter {
  flowId?: string;
  status?: string;
  startedBy?: string;
  /** ISO times: runs started at or after `since`, and before `until`. */
  since?: string;
  until?: string;
  /** The `cursor` of the last run of the previous page: the page continues after it. */
  before?: string;
  limit?: number;
}

export class HistoryQueryError extends Error {}

/** A run's place in the newest-first order: its start and its row number. */
export const runCursor = (startedAt: string, rowid: number): string => `${startedAt}~${rowid}`;

function parseCursor(cursor: string): [string, number] {
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~(\d{1,15})$/.exec(cursor);
  if (!m) throw new HistoryQueryError(`"${cursor.slice(0, 60)}" is not a page cursor of the run history (use the cursor of the last run of the page before).`);
  return [m[1] as string, Number(m[2])];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new HistoryQueryError(`${what} must be one of ${allowed.join(', ')}, not "${value}".`);
}

function isoTime(value: string, what: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new HistoryQueryError(`${what} "${value}" is not a date or time (e.g. 2026-11-30 or 2026-11-30T14:00:00Z).`);
  return new Date(t).toISOString();
}

/** The SQL and arguments of one page of the runs list, newest first. */
export function runListQuery(filter: RunFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.flowId) {
    where.push('flow_id = ?');
    args.push(filter.flowId);
  }
  if (filter.status) where.push(`status = '${oneOf(filter.status, RUN_STATUSES, 'The status')}'`);
  if (filter.startedBy) where.push(`started_by = '${oneOf(filter.startedBy, STARTED_BY, 'The trigger')}'`);
  if (filter.since) {
    where.push('started_at >= ?');
    args.push(isoTime(filter.since, 'The start of the date range'));
  }
  if (filter.until) {
    where.push('started_at < ?');
    args.push(isoTime(filter.until, 'The end of the date range'));
  }
  if (filter.before) {
    where.push('(started_at, rowid) < (?, ?)');
    args.push(...parseCursor(filter.before));
  }
  const limit = Math.max(1, Math.min(filter.limit ?? 50, 1000));
  const index = indexFor(filter);
  return { sql: `SELECT rowid AS row_number, * FROM runs INDEXED BY ${index} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ${limit}`, args };
}

/**
 * The index whose leading columns are exactly the filter's equalities, then started_at: the page
 * is then one range of it, read newest first. Named, because without statistics SQLite may take
 * a shorter index and filter the rest row by row.
 */
function indexFor(filter: RunFilter): string {
  const parts = [filter.flowId ? 'flow' : '', filter.status ? 'status' : '', filter.startedBy ? 'started_by' : ''].filter(Boolean);
  return parts.length ? `runs_by_${parts.join('_')}` : 'runs_by_start';
}

export interface RecordPage {
  status?: string;
  /** The page continues after this seq. */
  afterSeq?: number;
  limit?: number;
  /** The last `limit` records instead of the first (still in seq order): a run's latest. */
  newest?: boolean;
}

export function recordPageQuery(runId: string, page: RecordPage): { sql: string; args: unknown[] } {
  const status = page.status ? ` AND status = '${oneOf(page.status, RECORD_STATUSES, 'The outcome')}'` : '';
  const limit = Math.max(1, Math.min(page.limit ?? 1000, 100_000));
  const sql = `SELECT * FROM run_records WHERE run_id = ?${status} AND seq > ? ORDER BY seq${page.newest ? ' DESC' : ''} LIMIT ${limit}`;
  return { sql: page.newest ? `SELECT * FROM (${sql}) ORDER BY seq` : sql, args: [runId, page.afterSeq ?? -1] };
}

export interface FindPage {
  /** The `cursor` of the last result of the previous page. */
  before?: string;
  limit?: number;
}

/** What a found record shows for its run when the run's row was lost (a recovery could not read it). */
export const LOST_RUN_FLOW_NAME = '(run lost in a recovery)';

/**
 * A found record's place in the newest-first order: its run's start and row number, and its seq.
 * A record whose run was lost comes after every run's, by its run's id: `lost~<run id>~<seq>`.
 */
export function foundCursor(row: { started_at: string; run_row: number | null; run_id: string; seq: number }): string {
  return row.run_row === null ? `lost~${row.run_id}~${row.seq}` : `${row.started_at}~${row.run_row}~${row.seq}`;
}

/**
 * Records whose source key or label is `text` (the label without regard to case), newest run
 * first. Each side is a look-up in its own index; only the matches are sorted. Records whose run
 * row is gone (`sincro doctor --recover` keeps them) are found too, after the others, their run
 * shown as lost: a LEFT JOIN, and the run's columns NULL, which sort last in a descending order.
 */
export function findQuery(text: string, page: FindPage): { sql: string; args: unknown[] } {
  const args: unknown[] = [text, text];
  let after = '';
  const lost = page.before ? /^lost~(.+)~(\d{1,15})$/.exec(page.before) : null;
  if (lost) {
    after = ' AND r.rowid IS NULL AND (rr.run_id, rr.seq) < (?, ?)';
    args.push(lost[1], Number(lost[2]));
  } else if (page.before) {
    const m = /^(.+)~(\d{1,15})~(\d{1,15})$/.exec(page.before);
    if (!m) throw new HistoryQueryError(`"${page.before.slice(0, 60)}" is not a page cursor of the search (use the cursor of the last result of the page before).`);
    const [startedAt] = parseCursor(`${m[1]}~${m[2]}`);
    after = ' AND ((r.started_at, r.rowid, rr.seq) < (?, ?, ?) OR r.rowid IS NULL)';
    args.push(startedAt, Number(m[2]), Number(m[3]));
  }
  const limit = Math.max(1, Math.min(page.limit ?? 100, 1000));
  return {
    sql:
      `SELECT rr.*, coalesce(r.started_at, '') AS started_at, coalesce(r.flow_name, '${LOST_RUN_FLOW_NAME}') AS flow_name, coalesce(r.dry_run, 0) AS dry_run, r.rowid AS run_row ` +
      'FROM run_records rr LEFT JOIN runs r ON r.id = rr.run_id ' +
      `WHERE (rr.source_key = ? OR rr.label = ?)${after} ORDER BY r.started_at DESC, r.rowid DESC, rr.run_id DESC, rr.seq DESC LIMIT ${limit}`,
    args,
  };
}

/** The keys of a run's failed records, per source node, in the order they failed (each once). */
export function failedKeysOf(db: Db, runId: string): Map<string, string[]> {
  const rows = db.prepare("SELECT source_node, source_key FROM run_records WHERE run_id = ? AND status = 'failed' ORDER BY seq").all(runId) as Array<{ source_node: string; source_key: string }>;
  const bySource = new Map<string, Set<string>>();
  for (const r of rows) bySource.set(r.source_node, (bySource.get(r.source_node) ?? new Set()).add(r.source_key));
  return new Map([...bySource].map(([node, keys]) => [node, [...keys]]));
}

export type { RecordStatus };
