/**
 * Runs flows in the background for a host (the desktop app, `sincro serve`): one run per flow at a
 * time, cancellable by id, every event passed on to listeners. The scheduler and the Run button
 * both start runs here, so a scheduled run never overlaps a manual one of the same flow.
 */
import { EventEmitter } from 'node:events';
import type { RunEvent, RunSummary } from '../api/run-model';
import { executeFlow, type ExecuteOptions } from '../engine/execute-flow';
import { newRunId } from '../engine/run-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { Store } from '../store/store';
import { LiveRuns } from './live-runs';

export class FlowBusyError extends Error {}

interface ActiveRun {
  runId: string;
  flowId: string;
  controller: AbortController;
  done: Promise<RunSummary | undefined>;
}

export class RunManager {
  readonly events = new EventEmitter<{ event: [RunEvent] }>();
  /** Each run going on here as it stands (runs.snapshot). */
  readonly live = new LiveRuns();
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly store: Store,
    private readonly registry: NodeRegistry,
  ) {}

  /** A run that started but whose first record of it in the store may not be written yet. */
  activeRun(runId: string): { flowId: string } | undefined {
    const r = this.active.get(runId);
    return r && { flowId: r.flowId };
  }

  isRunning(flowId: string): boolean {
    return [...this.active.values()].some((r) => r.flowId === flowId);
  }

  /** Starts the stored flow's current version; resolves with the run id at once. */
  start(flowId: string, opts: { dryRun?: boolean; trigger?: string; prepare?: ExecuteOptions['prepare'] } = {}): { runId: string; done: Promise<RunSummary | undefined> } {
    const stored = this.store.flows.get(flowId);
    if (!stored) throw new Error(`There is no flow "${flowId}".`);
    if (this.isRunning(flowId)) throw new FlowBusyError(`"${stored.doc.name}" is already running; wait for it to finish or cancel it.`);
    const runId = newRunId();
    const controller = new AbortController();
    const sources = stored.doc.nodes.filter((n) => this.registry.get(n.type)?.kind === 'source').map((n) => n.id);
    this.live.begin({ runId, flowId, flowName: stored.doc.name, dryRun: !!opts.dryRun, trigger: opts.trigger ?? 'manual', sources });
    const done = executeFlow(this.store, this.registry, stored.doc, {
      version: stored.version,
      dryRun: opts.dryRun,
      signal: controller.signal,
      baseDir: stored.baseDir ?? undefined,
      trigger: opts.trigger ?? 'manual',
      recordEvents: true,
      // Issue 11: a dry run on pinned test records or on the last run's records (given-records.ts).
      prepare: opts.prepare,
      onEvent: (event) => {
        const e = this.live.observe(event);
        // The run is over for everyone who hears so: a Run clicked on "finished" must not be refused.
        if (e.type === 'finished') this.active.delete(runId);
        this.events.emit('event', e);
      },
      runId,
    })
      .then((result) => {
        if (result.ok) return result.summary;
        const error = result.problems.map((p) => p.message).join('\n');
        this.active.delete(runId);
        this.events.emit('event', { type: 'log', runId, node: '', level: 'error', message: error });
        this.events.emit('event', { type: 'finished', runId, summary: invalidRunSummary(runId, stored.doc.id, stored.doc.name, stored.version, !!opts.dryRun, error) });
        return undefined;
      })
      .finally(() => {
        this.active.delete(runId);
        this.live.end(runId);
      });
    this.active.set(runId, { runId, flowId, controller, done });
    return { runId, done };
  }

  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort(new Error('cancelled by the user'));
    return true;
  }

  /** Cancels everything and waits, for a clean shutdown. */
  async stopAll(): Promise<void> {
    const runs = [...this.active.values()];
    for (const r of runs) r.controller.abort(new Error('Sincro is shutting down'));
    await Promise.allSettled(runs.map((r) => r.done));
  }
}

/** A run that never started because the flow has problems still ends with a summary saying so. */
function invalidRunSummary(runId: string, flowId: string, flowName: string, version: number, dryRun: boolean, error: string): RunSummary {
  const now = new Date().toISOString();
  return { runId, flowId, flowName, flowVersion: version, dryRun, status: 'failed', startedAt: now, finishedAt: now, durationMs: 0, read: 0, ok: 0, skipped: 0, failed: 0, nodes: {}, error: `The flow cannot run:\n${error}` };
}
