/**
 * runs.snapshot: a run as it stands now. A run going on in this host comes from its live state
 * (live-runs.ts); any other, ended or going on in another process, from the run history.
 */
import type { RunSnapshot } from '../api/contract';
import type { RecordResultEvent } from '../api/run-model';
import { runSummaryOf } from '../store/runs';
import type { Store } from '../store/store';
import type { RunManager } from './run-manager';

export function runSnapshot(store: Store, runs: RunManager, runId: string, recent: number): RunSnapshot | null {
  const live = runs.live.snapshot(runId, recent);
  if (live) return live;
  const info = store.runs.get(runId);
  if (!info) return null;
  const summary = runSummaryOf(info);
  const finished = summary.ok + summary.skipped + summary.failed;
  const latest = recent ? store.runs.records(runId, { limit: recent, newest: true }) : [];
  return {
    runId,
    flowId: summary.flowId,
    flowName: summary.flowName,
    dryRun: summary.dryRun,
    status: summary.status,
    startedAt: summary.startedAt,
    trigger: info.trigger,
    nodes: summary.nodes,
    read: summary.read,
    done: { ok: summary.ok, skipped: summary.skipped, failed: summary.failed },
    finished,
    recent: latest.map(
      (r): RecordResultEvent => ({ type: 'record', runId, seq: r.seq, key: r.key, ...(r.label === null ? {} : { label: r.label }), status: r.status, node: r.node, ...(r.action ? { action: r.action } : {}), ...(r.message ? { message: r.message } : {}) }),
    ),
    logs: [],
    summary: summary.status === 'running' ? null : summary,
    live: false,
  };
}
