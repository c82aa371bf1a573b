/**
 * The scheduler's memory in the store: per flow, how far through its schedule it is (every tick up
 * to `plannedThrough` was handled), its next and last run; and the log of what became of every
 * planned tick. Ticks in a row with the same skip outcome share one log row with their count, each
 * flow keeps at most MAX_LOG_ROWS_PER_FLOW rows, and retention deletes older ones with the runs.
 */
import type { ScheduleLogEntry, ScheduleOutcome } from '../api/schedules';
import type { Db } from './database';

/** The newest rows kept per flow, whatever the retention: one schedule cannot grow the file. */
export const MAX_LOG_ROWS_PER_FLOW = 1_000;

/** Outcomes that merge into the flow's previous row when it has the same one. */
const MERGED: ReadonlySet<ScheduleOutcome> = new Set(['busy', 'paused', 'missed']);

export interface ScheduleState {
  flowId: string;
  active: boolean;
  cron: string;
  timezone: string | null;
  plannedThrough: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastRunId: string | null;
}

export interface TickRecord {
  outcome: ScheduleOutcome;
  plannedAt: string;
  lastPlannedAt: string;
  ticks: number;
  runId?: string;
  message?: string;
}

interface StateRow {
  flow_id: string;
  active: number;
  cron: string;
  timezone: string | null;
  planned_through: string;
  next_run_at: string | null;
  last_run_at: string | null;
  last_run_id: string | null;
}

interface LogRow {
  id: number;
  flow_id: string;
  flow_name: string | null;
  outcome: ScheduleOutcome;
  planned_at: string;
  last_planned_at: string;
  ticks: number;
  logged_at: string;
  run_id: string | null;
  message: string | null;
}

export class ScheduleRepo {
  constructor(private readonly db: Db) {}

  state(flowId: string): ScheduleState | undefined {
    const row = this.db.prepare('SELECT * FROM schedule_state WHERE flow_id = ?').get(flowId) as StateRow | undefined;
    return row && toState(row);
  }

  states(): ScheduleState[] {
    return (this.db.prepare('SELECT * FROM schedule_state ORDER BY flow_id').all() as StateRow[]).map(toState);
  }

  /** (Re)starts a flow's schedule at `at`: the ticks before it are not its to make up for. */
  begin(flowId: string, cron: string, timezone: string | null, at: string, nextRunAt: string | null): void {
    this.db
      .prepare(
        `INSERT INTO schedule_state (flow_id, active, cron, timezone, planned_through, next_run_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)
         ON CONFLICT (flow_id) DO UPDATE SET active = 1, cron = excluded.cron, timezone = excluded.timezone, planned_through = excluded.planned_through, next_run_at = excluded.next_run_at, updated_at = excluded.updated_at`,
      )
      .run(flowId, cron, timezone, at, nextRunAt, at);
  }

  setNext(flowId: string, nextRunAt: string | null, at: string): void {
    this.db.prepare('UPDATE schedule_state SET next_run_at = ?, updated_at = ? WHERE flow_id = ?').run(nextRunAt, at, flowId);
  }

  /** The schedule was switched off: its last run stays, its place in the schedule does not. */
  deactivate(flowId: string, at: string): void {
    this.db.prepare('UPDATE schedule_state SET active = 0, next_run_at = NULL, updated_at = ? WHERE flow_id = ? AND active = 1').run(at, flowId);
  }

  /** The flow is gone: so is its place in the schedule (its log stays until retention). */
  forget(flowId: string): void {
    this.db.prepare('DELETE FROM schedule_state WHERE flow_id = ?').run(flowId);
  }

  /**
   * Logs what became of a flow's ticks and moves its place in the schedule past them, together:
   * a crash between the two can neither repeat a tick nor lose one.
   */
  record(flowId: string, ticks: readonly TickRecord[], through: { plannedThrough: string; nextRunAt: string | null; loggedAt: string; lastRun?: { at: string; runId: string } }): void {
    this.db.transaction(() => {
      for (const t of ticks) this.append(flowId, t, through.loggedAt);
      this.db
        .prepare('UPDATE schedule_state SET planned_through = ?, next_run_at = ?, last_run_at = coalesce(?, last_run_at), last_run_id = coalesce(?, last_run_id), updated_at = ? WHERE flow_id = ?')
        .run(through.plannedThrough, through.nextRunAt, through.lastRun?.at ?? null, through.lastRun?.runId ?? null, through.loggedAt, flowId);
      this.db
        .prepare('DELETE FROM schedule_log WHERE flow_id = ? AND id <= (SELECT id FROM schedule_log WHERE flow_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)')
        .run(flowId, flowId, MAX_LOG_ROWS_PER_FLOW);
    })();
  }

  private append(flowId: string, t: TickRecord, loggedAt: string): void {
    if (MERGED.has(t.outcome)) {
      const last = this.db.prepare('SELECT id, outcome FROM schedule_log WHERE flow_id = ? ORDER BY id DESC LIMIT 1').get(flowId) as { id: number; outcome: string } | undefined;
      if (last?.outcome === t.outcome) {
        this.db.prepare('UPDATE schedule_log SET ticks = ticks + ?, last_planned_at = ?, logged_at = ?, message = coalesce(?, message) WHERE id = ?').run(t.ticks, t.lastPlannedAt, loggedAt, t.message ?? null, last.id);
        return;
      }
    }
    this.db
      .prepare('INSERT INTO schedule_log (flow_id, outcome, planned_at, last_planned_at, ticks, logged_at, run_id, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(flowId, t.outcome, t.plannedAt, t.lastPlannedAt, t.ticks, loggedAt, t.runId ?? null, t.message ?? null);
  }

  /** The newest entries first, of one flow or all. */
  log(filter: { flowId?: string; limit?: number } = {}): ScheduleLogEntry[] {
    const where = filter.flowId === undefined ? '' : 'WHERE l.flow_id = ?';
    const rows = this.db
      .prepare(`SELECT l.*, f.name AS flow_name FROM schedule_log l LEFT JOIN flows f ON f.id = l.flow_id ${where} ORDER BY l.id DESC LIMIT ?`)
      .all(...(filter.flowId === undefined ? [] : [filter.flowId]), filter.limit ?? 50) as LogRow[];
    return rows.map((r) => ({
      id: r.id,
      flowId: r.flow_id,
      flowName: r.flow_name ?? r.flow_id,
      outcome: r.outcome,
      plannedAt: r.planned_at,
      lastPlannedAt: r.last_planned_at,
      ticks: r.ticks,
      loggedAt: r.logged_at,
      runId: r.run_id,
      message: r.message,
    }));
  }

  /** Changes whenever a flow is saved as a new version, added or deleted, by any process. */
  flowsSignature(): string {
    const r = this.db.prepare('SELECT count(*) AS n, total(current_version) AS v, max(updated_at) AS u FROM flows').get() as { n: number; v: number; u: string | null };
    return `${r.n}/${r.v}/${r.u ?? ''}`;
  }

  /** Flow ids that have log entries (a deleted flow's included). */
  loggedFlowIds(): string[] {
    return (this.db.prepare('SELECT DISTINCT flow_id FROM schedule_log').all() as Array<{ flow_id: string }>).map((r) => r.flow_id);
  }
}

function toState(r: StateRow): ScheduleState {
  return {
    flowId: r.flow_id,
    active: r.active === 1,
    cron: r.cron,
    timezone: r.timezone,
    plannedThrough: r.planned_through,
    nextRunAt: r.next_run_at,
    lastRunAt: r.last_run_at,
    lastRunId: r.last_run_id,
  };
}
