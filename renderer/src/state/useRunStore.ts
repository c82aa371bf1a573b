/**
 * Runs as they happen (from `onEvent`) and finished runs the screen has loaded: status, per-node
 * counts, the latest record results. Kept apart from the flow document: a run never changes it.
 */
import { create } from 'zustand';
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
}

function blank(runId: string, flowId = '', flowName = '', dryRun = false): LiveRun {
  return { runId, flowId, flowName, dryRun, status: 'running', startedAt: new Date().toISOString(), nodes: {}, recent: [], done: { ok: 0, skipped: 0, failed: 0 }, summary: null, logs: [] };
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
        const recent = run.recent.length >= RECENT_LIMIT ? [...run.recent.slice(-RECENT_LIMIT + 1), e] : [...run.recent, e];
        runs[e.runId] = { ...run, recent, done: run.summary ? run.done : { ...run.done, [e.status]: run.done[e.status] + 1 } };
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
}));
