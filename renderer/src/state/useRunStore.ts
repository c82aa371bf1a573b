/**
 * Runs as they happen (from `onEvent`) and finished runs the screen has loaded: status, per-node
 * counts, the latest record results. Kept apart from the flow document: a run never changes it.
 */
import { create } from 'zustand';
import type { RunSnapshot } from '../../../core/api/contract';
import type { RecordResultEvent, RunEvent, RunStatus, RunSummary, NodeCounts } from '../../../core/api/run-model';

const RECENT_LIMIT = 500;

export type RunInput = 'read' | 'pinned' | 'last run';

export interface LiveRun {
  runId: string;
  flowId: string;
  flowName: string;
  dryRun: boolean;
  /** Where a dry run's records came from, when this screen started it: the apps, pinned test records, or the last run's records. */
  input?: RunInput;
  status: RunStatus;
  startedAt: string;
  nodes: Record<string, NodeCounts>;
  /** The latest record results, newest last (capped; the full list is in runs.records). */
  recent: RecordResultEvent[];
  done: { ok: number; skipped: number; failed: number };
  /** How many record events `done` counts (the host numbers them: `n`), so a snapshot and the live events never count one twice. */
  finished: number;
  summary: RunSummary | null;
  logs: Array<{ node: string; level: 'info' | 'warn' | 'error'; message: string }>;
}

interface RunStore {
  runs: Record<string, LiveRun>;
  /** The newest run seen per flow. */
  latestByFlow: Record<string, string>;
  applyEvents(events: RunEvent[]): void;
  /** A run the screen started: known before its first event arrives. */
  expect(run: { runId: string; flowId: string; flowName: string; dryRun: boolean; input?: RunInput }): void;
  /** A finished run loaded from history (runs.get). */
  putSummary(summary: RunSummary): void;
  /** A run as it stands (runs.snapshot), merged with what the live events already told. */
  applySnapshot(snapshot: RunSnapshot): void;
}

function blank(runId: string, flowId = '', flowName = '', dryRun = false): LiveRun {
  return { runId, flowId, flowName, dryRun, status: 'running', startedAt: new Date().toISOString(), nodes: {}, recent: [], done: { ok: 0, skipped: 0, failed: 0 }, finished: 0, summary: null, logs: [] };
}

function fromSummary(s: RunSummary, prev?: LiveRun): LiveRun {
  return {
    ...(prev ?? blank(s.runId)),
    flowId: s.flowId,
    flowName: s.flowName,
    dryRun: s.dryRun,
    status: s.status,
    startedAt: s.startedAt,
    nodes: s.nodes,
    done: { ok: s.ok, skipped: s.skipped, failed: s.failed },
    summary: s,
  };
}

export const useRunStore = create<RunStore>((set, get) => ({
  runs: {},
  latestByFlow: {},

  applyEvents(events) {
    if (!events.length) return;
    const runs = { ...get().runs };
    const latest = { ...get().latestByFlow };
    for (const e of events) {
      const prev = runs[e.runId];
      if (e.type === 'started') {
        runs[e.runId] = { ...(prev ?? blank(e.runId)), flowId: e.flowId, flowName: e.flowName, dryRun: e.dryRun, startedAt: e.at, status: prev?.summary ? prev.status : 'running' };
        latest[e.flowId] = e.runId;
        continue;
      }
      const run = prev ?? blank(e.runId);
      if (e.type === 'progress') {
        runs[e.runId] = run.summary ? run : { ...run, nodes: e.nodes };
      } else if (e.type === 'record') {
        // Already in a snapshot this screen loaded.
        if (e.n !== undefined && e.n <= run.finished) continue;
        const recent = run.recent.length >= RECENT_LIMIT ? [...run.recent.slice(-RECENT_LIMIT + 1), e] : [...run.recent, e];
        runs[e.runId] = { ...run, recent, finished: e.n ?? run.finished + 1, done: run.summary ? run.done : { ...run.done, [e.status]: run.done[e.status] + 1 } };
      } else if (e.type === 'log') {
        runs[e.runId] = { ...run, logs: [...run.logs, { node: e.node, level: e.level, message: e.message }].slice(-100) };
      } else if (e.type === 'finished') {
        runs[e.runId] = fromSummary(e.summary, run);
        if (e.summary.flowId) latest[e.summary.flowId] ??= e.runId;
      }
    }
    set({ runs, latestByFlow: latest });
  },
  expect({ runId, flowId, flowName, dryRun, input }) {
    const prev = get().runs[runId];
    set({
      runs: { ...get().runs, [runId]: { ...(prev ?? blank(runId, flowId, flowName, dryRun)), flowId, flowName, dryRun, ...(input ? { input } : {}) } },
      latestByFlow: { ...get().latestByFlow, [flowId]: runId },
    });
  },
  putSummary(summary) {
    set({ runs: { ...get().runs, [summary.runId]: fromSummary(summary, get().runs[summary.runId]) } });
  },
  applySnapshot(snap) {
    const prev = get().runs[snap.runId];
    const latest = { ...get().latestByFlow };
    const shown = latest[snap.flowId];
    // The newest run of the flow stays the one shown.
    if (!shown || (get().runs[shown]?.startedAt ?? '') <= snap.startedAt) latest[snap.flowId] = snap.runId;
    const run = mergeSnapshot(prev ?? blank(snap.runId), snap);
    set({ runs: { ...get().runs, [snap.runId]: run }, latestByFlow: latest });
  },
}));

/**
 * Counts only grow while a run goes on, so per step the larger of the snapshot's and the events'
 * is the newer; records finished are taken from whichever has counted more of them.
 */
export function mergeSnapshot(run: LiveRun, snap: RunSnapshot): LiveRun {
  const base = { ...run, flowId: snap.flowId, flowName: snap.flowName, dryRun: snap.dryRun, startedAt: snap.startedAt };
  if (snap.summary) return { ...fromSummary(snap.summary, base), recent: run.recent.length ? run.recent : snap.recent };
  if (run.summary) return run;
  const nodes: Record<string, NodeCounts> = { ...run.nodes };
  for (const [id, c] of Object.entries(snap.nodes)) nodes[id] = run.nodes[id] ? largerCounts(run.nodes[id], c) : c;
  const ahead = snap.finished > run.finished;
  const seen = new Set(snap.recent.map((r) => r.seq));
  const recent = ahead ? [...snap.recent, ...run.recent.filter((r) => !seen.has(r.seq) && (r.n ?? 0) > snap.finished)].slice(-RECENT_LIMIT) : run.recent;
  return {
    ...base,
    status: 'running',
    nodes,
    recent,
    done: ahead ? snap.done : run.done,
    finished: Math.max(run.finished, snap.finished),
    logs: run.logs.length ? run.logs : snap.logs,
  };
}

function largerCounts(a: NodeCounts, b: NodeCounts): NodeCounts {
  const out: Record<string, number> = { ...a.out };
  for (const [port, n] of Object.entries(b.out)) out[port] = Math.max(out[port] ?? 0, n);
  return { in: Math.max(a.in, b.in), out, skipped: Math.max(a.skipped, b.skipped), failed: Math.max(a.failed, b.failed), created: Math.max(a.created, b.created), updated: Math.max(a.updated, b.updated), unchanged: Math.max(a.unchanged, b.unchanged) };
}
