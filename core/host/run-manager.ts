/**
 * Runs flows in the background for a host (the desktop app, `sincro serve`): one run per flow at a
 * time, cancellable by id, every event passed on to listeners. The scheduler, the Run button and
 * "Retry the failed records" all start runs here, so a scheduled run never overlaps a manual one
 * of the same flow. When a run ends, its flow's notices are brought up to date (run-notices.ts).
 */
import { EventEmitter } from 'node:events';
import type { AppEvent } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import type { RunEvent, RunSummary } from '../api/run-model';
import { executeFlow, type ExecuteOptions, type ExecuteResult } from '../engine/execute-flow';
import { planRetry, retryFailedRecords } from '../engine/retry-run';
import { newRunId } from '../engine/run-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { Store } from '../store/store';
import { LiveRuns } from './live-runs';
import { RunNotices } from './run-notices';

export class FlowBusyError extends Error {}

interface ActiveRun {
  runId: string;
  flowId: string;
  controller: AbortController;
  done: Promise<RunSummary | undefined>;
}

export interface StartOptions {
  dryRun?: boolean;
  trigger?: string;
  /** Issue 11: a dry run on pinned test records or on the last run's records (given-records.ts). */
  prepare?: ExecuteOptions['prepare'];
}

export class RunManager {
  readonly events = new EventEmitter<{ event: [RunEvent | AppEvent] }>();
  readonly notices: RunNotices;
  /** Each run going on here as it stands (runs.snapshot). */
  readonly live = new LiveRuns();
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    private readonly store: Store,
    private readonly registry: NodeRegistry,
  ) {
    this.notices = new RunNotices(store);
  }

  /** A run that started but whose first record of it in the store may not be written yet. */
  activeRun(runId: string): { flowId: string } | undefined {
    const r = this.active.get(runId);
    return r && { flowId: r.flowId };
  }

  isRunning(flowId: string): boolean {
    return [...this.active.values()].some((r) => r.flowId === flowId);
  }

  /** Starts the stored flow's current version; resolves with the run id at once. */
  start(flowId: string, opts: StartOptions = {}): { runId: string; done: Promise<RunSummary | undefined> } {
    const stored = this.store.flows.get(flowId);
    if (!stored) throw new Error(`There is no flow "${flowId}".`);
    this.refuseBusy(flowId, stored.doc.name);
    return this.launch(stored.doc, stored.version, !!opts.dryRun, opts.trigger ?? 'manual', (runId, controller, onEvent) =>
      executeFlow(this.store, this.registry, stored.doc, {
        version: stored.version,
        dryRun: opts.dryRun,
        signal: controller.signal,
        baseDir: stored.baseDir ?? undefined,
        trigger: opts.trigger ?? 'manual',
        recordEvents: true,
        prepare: opts.prepare,
        onEvent,
        runId,
      }),
    );
  }

  /**
   * Runs the failed records of a finished run again with the flow's current version (retry-run.ts).
   * Refuses, in words, a run that cannot be retried; resolves with the new run's id at once.
   */
  retry(runId: string, opts: { dryRun?: boolean } = {}): { runId: string; records: number; done: Promise<RunSummary | undefined> } {
    const plan = planRetry(this.store, runId);
    this.refuseBusy(plan.flow.doc.id, plan.flow.doc.name);
    const started = this.launch(plan.flow.doc, plan.flow.version, !!opts.dryRun, 'retry', (newRun, controller, onEvent) =>
      retryFailedRecords(this.store, this.registry, runId, { plan, dryRun: opts.dryRun, signal: controller.signal, recordEvents: true, onEvent, runId: newRun }),
    );
    return { ...started, records: plan.records };
  }

  private refuseBusy(flowId: string, name: string): void {
    if (this.isRunning(flowId)) throw new FlowBusyError(`"${name}" is already running; wait for it to finish or cancel it.`);
  }

  /** The steps that read (a snapshot counts what they passed on as read). */
  private sourcesOf(doc: FlowDocument): string[] {
    return doc.nodes.filter((n) => this.registry.get(n.type)?.kind === 'source').map((n) => n.id);
  }

  private launch(
    doc: FlowDocument,
    version: number,
    dryRun: boolean,
    trigger: string,
    execute: (runId: string, controller: AbortController, onEvent: (e: RunEvent) => void) => Promise<ExecuteResult>,
  ): { runId: string; done: Promise<RunSummary | undefined> } {
    const runId = newRunId();
    const controller = new AbortController();
    this.live.begin({ runId, flowId: doc.id, flowName: doc.name, dryRun, trigger, sources: this.sourcesOf(doc) });
    const onEvent = (event: RunEvent) => {
      const e = this.live.observe(event);
      // The run is over for everyone who hears so: a Run clicked on "finished" must not be refused.
      if (e.type === 'finished') this.active.delete(runId);
      this.events.emit('event', e);
      if (e.type === 'finished') this.tell(e.summary);
    };
    const done = execute(runId, controller, onEvent)
      .then((result) => {
        if (result.ok) return result.summary;
        const error = result.problems.map((p) => p.message).join('\n');
        this.active.delete(runId);
        this.events.emit('event', { type: 'log', runId, node: '', level: 'error', message: error });
        onEvent({ type: 'finished', runId, summary: invalidRunSummary(runId, doc.id, doc.name, version, dryRun, error), problems: result.problems });
        return undefined;
      })
      .finally(() => {
        this.active.delete(runId);
        this.live.end(runId);
      });
    this.active.set(runId, { runId, flowId: doc.id, controller, done });
    return { runId, done };
  }

  /** The flow's notices after a run: a new one is told, a repeated failure only counted. */
  private tell(summary: RunSummary): void {
    try {
      this.tellInterrupted();
      for (const e of this.notices.eventsFor(this.notices.afterRun(summary))) this.events.emit('event', e);
    } catch {
      // A store that cannot take the notice (busy, closed while shutting down) must not end the run's promise.
    }
  }

  /** Runs whose process died, told as failures once (at a host's start, and before any run's end). */
  tellInterrupted(): void {
    for (const raised of this.notices.afterInterrupted()) for (const e of this.notices.eventsFor(raised)) this.events.emit('event', e);
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
