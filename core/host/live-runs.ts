/**
 * What the host knows of each run going on in it, kept from the run's own events: counts per step,
 * records finished by outcome, the latest records, its log. A screen that starts following a run
 * mid-way (a reload, a second window) loads this snapshot first (issue 11 §5), then the live
 * events; each record event is numbered (`n`) so the screen counts none twice.
 */
import type { RunSnapshot } from '../api/contract';
import type { RecordResultEvent, RunEvent, NodeCounts } from '../api/run-model';

/** The latest records a snapshot can give. */
const RECENT_KEPT = 500;
const LOGS_KEPT = 100;

interface LiveRun {
  runId: string;
  flowId: string;
  flowName: string;
  dryRun: boolean;
  trigger: string | null;
  startedAt: string;
  /** The steps that read (their outputs are what was read). */
  sources: Set<string>;
  nodes: Record<string, NodeCounts>;
  done: { ok: number; skipped: number; failed: number };
  finished: number;
  recent: RecordResultEvent[];
  logs: RunSnapshot['logs'];
}

export class LiveRuns {
  private readonly runs = new Map<string, LiveRun>();

  /** A run this host starts: known (as running, nothing read) before its first event. */
  begin(run: { runId: string; flowId: string; flowName: string; dryRun: boolean; trigger: string | null; sources: Iterable<string> }): void {
    this.runs.set(run.runId, { ...run, sources: new Set(run.sources), startedAt: new Date().toISOString(), nodes: {}, done: { ok: 0, skipped: 0, failed: 0 }, finished: 0, recent: [], logs: [] });
  }

  /** Takes in one of the run's events; returns it as it is passed on (a record event numbered). */
  observe(e: RunEvent): RunEvent {
    const run = this.runs.get(e.runId);
    if (!run) return e;
    switch (e.type) {
      case 'started':
        run.startedAt = e.at;
        run.flowName = e.flowName;
        return e;
      case 'progress':
        run.nodes = e.nodes;
        return e;
      case 'record': {
        const numbered = { ...e, n: ++run.finished };
        run.done[e.status]++;
        run.recent.push(numbered);
        if (run.recent.length > RECENT_KEPT * 2) run.recent = run.recent.slice(-RECENT_KEPT);
        return numbered;
      }
      case 'log':
        run.logs.push({ node: e.node, level: e.level, message: e.message });
        if (run.logs.length > LOGS_KEPT) run.logs.shift();
        return e;
      case 'finished':
        this.runs.delete(e.runId);
        return e;
    }
  }

  /** Forgets a run that ended without its 'finished' event reaching here. */
  end(runId: string): void {
    this.runs.delete(runId);
  }

  snapshot(runId: string, recent: number): RunSnapshot | undefined {
    const run = this.runs.get(runId);
    if (!run) return undefined;
    let read = 0;
    for (const id of run.sources) {
      const c = run.nodes[id];
      if (c) read += Object.values(c.out).reduce((a, b) => a + b, 0) + c.failed + c.skipped;
    }
    return {
      runId,
      flowId: run.flowId,
      flowName: run.flowName,
      dryRun: run.dryRun,
      status: 'running',
      startedAt: run.startedAt,
      trigger: run.trigger,
      nodes: structuredClone(run.nodes),
      read,
      done: { ...run.done },
      finished: run.finished,
      recent: recent ? run.recent.slice(-recent) : [],
      logs: run.logs.slice(),
      summary: null,
      live: true,
    };
  }
}
