/**
 * What flowed, per day and per flow, from the run history (MISSION PLT-7). Records are counted once
 * a day each (issue 11): a record a flow read in ten runs of one day is one record, counted by its
 * latest outcome that day — so a record that failed at nine and went through at ten counts as done,
 * and a flow that runs every five minutes does not multiply its numbers. Dry runs write nothing and
 * are not counted.
 */
import type { DashboardStats } from '../api/contract';
import type { Store } from '../store/store';

export function dashboardStats(store: Store, days: number): DashboardStats {
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  const runs = store.db
    .prepare(`SELECT substr(started_at, 1, 10) AS day, count(*) AS runs FROM runs WHERE started_at >= ? AND dry_run = 0 GROUP BY day`)
    .all(since) as Array<{ day: string; runs: number }>;
  // One row per record and run (its copies sent on to several steps: the worst outcome), then the
  // latest run of each record per day.
  const records = store.db
    .prepare(
      `WITH per_run AS (
         SELECT substr(r.started_at, 1, 10) AS day, r.flow_id, rr.source_node, rr.source_key, r.started_at,
                max(CASE rr.status WHEN 'failed' THEN 3 WHEN 'skipped' THEN 2 ELSE 1 END) AS worst
         FROM run_records rr JOIN runs r ON r.id = rr.run_id
         WHERE r.started_at >= ? AND r.dry_run = 0
         GROUP BY day, r.flow_id, rr.source_node, rr.source_key, r.id
       ), latest AS (
         SELECT day, worst, row_number() OVER (PARTITION BY day, flow_id, source_node, source_key ORDER BY started_at DESC) AS n FROM per_run
       )
       SELECT day, count(*) AS read, sum(worst = 1) AS ok, sum(worst = 2) AS skipped, sum(worst = 3) AS failed FROM latest WHERE n = 1 GROUP BY day`,
    )
    .all(since) as Array<{ day: string; read: number; ok: number; skipped: number; failed: number }>;
  const byDay = new Map(records.map((r) => [r.day, r]));
  const daily = runs
    .map((r) => ({ day: r.day, runs: r.runs, read: byDay.get(r.day)?.read ?? 0, ok: byDay.get(r.day)?.ok ?? 0, skipped: byDay.get(r.day)?.skipped ?? 0, failed: byDay.get(r.day)?.failed ?? 0 }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const flows = store.db
    .prepare(
      `SELECT r.flow_id AS flowId, max(r.flow_name) AS flowName, count(*) AS runs,
              sum(CASE WHEN r.status IN ('failed', 'partial') THEN 1 ELSE 0 END) AS failedRuns,
              (SELECT status FROM runs x WHERE x.flow_id = r.flow_id ORDER BY started_at DESC LIMIT 1) AS lastStatus,
              max(r.started_at) AS lastRunAt
       FROM runs r WHERE r.started_at >= ? AND r.dry_run = 0 GROUP BY r.flow_id ORDER BY lastRunAt DESC`,
    )
    .all(since) as DashboardStats['flows'];
  return { days: daily, flows };
}
