/** What flowed, per day and per flow, from the run history (MISSION PLT-7). */
import type { DashboardStats } from '../api/contract';
import type { Store } from '../store/store';

export function dashboardStats(store: Store, days: number): DashboardStats {
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  const daily = store.db
    .prepare(
      `SELECT substr(started_at, 1, 10) AS day, count(*) AS runs,
              coalesce(sum(json_extract(counts, '$.read')), 0) AS read, coalesce(sum(json_extract(counts, '$.ok')), 0) AS ok,
              coalesce(sum(json_extract(counts, '$.skipped')), 0) AS skipped, coalesce(sum(json_extract(counts, '$.failed')), 0) AS failed
       FROM runs WHERE started_at >= ? AND dry_run = 0 GROUP BY day ORDER BY day`,
    )
    .all(since) as DashboardStats['days'];
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
