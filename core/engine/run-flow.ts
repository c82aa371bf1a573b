/**
 * Runs a validated flow: every node is a task, records travel between them in batches through
 * bounded channels (so memory stays flat), each record carries its lineage, and every record's
 * end (sent, skipped, failed) is written to the run history. Records are treated as immutable:
 * a node that changes data makes a new object, which is what lets fan-out share data safely.
 *
 * The parts: run-state.ts (what the run keeps), flow-wiring.ts (routes and channels),
 * node-context.ts (what a node sees), node-runner.ts (one node as a task), record-router.ts
 * (outcomes → lineage, counts, the next node or the history), source-order.ts (a source that
 * starts after others' records are through), progress-reporter.ts, run-end.ts
 * (the invariant check and the cursors). The ports the store implements are in services.ts.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { RunEvent, RunStatus, RunSummary } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import { dryRunLedger } from './dry-run-ledger';
import { wireFlow } from './flow-wiring';
import { inlineDelivery, inlineNodes } from './inline-nodes';
import { nodeContexts } from './node-context';
import { nodeRunner } from './node-runner';
import { progressReporter } from './progress-reporter';
import { recordRouter } from './record-router';
import { checkInvariant, commitCursors } from './run-end';
import { newRunState, type RetrySpec } from './run-state';
import { sourceOrder } from './source-order';
import { SecretMask } from './secret-mask';
import type { RunServices } from './services';

export type { RetrySpec };

export interface RunFlowOptions {
  flow: PreparedFlow;
  flowVersion?: number | null;
  services: RunServices;
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Emit a `record` event for every finished record (the UI's live list). */
  recordEvents?: boolean;
  baseDir?: string;
  batchSize?: number;
  trigger?: string;
  runId?: string;
  /** A retry of the run `of`: only its failed records run (per source node, their keys), and no cursor moves. */
  retry?: RetrySpec;
}

export function newRunId(): string {
  return `run_${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}_${randomUUID().slice(0, 8)}`;
}

export async function runFlow(opts: RunFlowOptions): Promise<RunSummary> {
  const { flow, services } = opts;
  const doc = flow.doc;
  const runId = opts.runId ?? newRunId();
  const dryRun = opts.dryRun ?? false;
  const internal = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, internal.signal]) : internal.signal;
  // Every request in flight listens for a cancel; a run may well have more than ten at once.
  setMaxListeners(0, signal);
  const emitEvent = opts.onEvent ?? (() => {});
  const startedAt = new Date();
  // Whatever the run writes or tells passes through the mask of its connections' secrets.
  const secrets = new SecretMask();
  const { mask } = secrets;

  const state = newRunState(runId, flow);
  const { counts, totals } = state;
  const wiring = wireFlow(flow);
  const progress = progressReporter(runId, counts, emitEvent);
  const contextFor = nodeContexts({
    flow,
    state,
    services,
    ledger: dryRun ? dryRunLedger(services.ledger) : services.ledger,
    dryRun,
    signal,
    batchSize: opts.batchSize ?? 500,
    baseDir: opts.baseDir ?? process.cwd(),
    retry: opts.retry,
    secrets,
    emitEvent,
  });
  const stopRun = (reason: Error) => internal.abort(reason);
  const inline = inlineNodes(flow);
  const order = sourceOrder(flow);
  const log = (node: string, message: string) => emitEvent({ type: 'log', runId, node, level: 'info', message: mask(message) });
  const inlined = inlineDelivery({ flow, state, contextFor, route: (...a) => route(...a), signal, stopRun });
  const route = recordRouter({ flow, state, wiring, recorder: services.recorder, progress, emitEvent, recordEvents: opts.recordEvents ?? false, mask, inline, deliverInline: inlined.deliver, order });
  const runNode = nodeRunner({ flow, state, wiring, route, contextFor, retry: opts.retry, signal, stopRun, inline, prepareInline: inlined.prepare, order, log });

  signal.addEventListener('abort', () => {
    for (const ch of wiring.channels.values()) ch.abort(signal.reason);
  }, { once: true });

  services.recorder.start({
    runId,
    flowId: doc.id,
    flowVersion: opts.flowVersion ?? null,
    flowName: doc.name,
    dryRun,
    trigger: opts.retry ? 'retry' : (opts.trigger ?? 'manual'),
    ...(opts.retry ? { retryOf: opts.retry.of } : {}),
    startedAt: startedAt.toISOString(),
    mask,
    historyLevel: doc.historyLevel,
    countsSoFar: () => ({ read: totals.read, ok: totals.ok, skipped: totals.skipped, failed: totals.failed, nodes: counts }),
  });
  emitEvent({ type: 'started', runId, flowId: doc.id, flowName: doc.name, dryRun, nodes: flow.order, at: startedAt.toISOString() });

  await Promise.all(flow.order.map(runNode));

  const cancelled = opts.signal?.aborted === true;
  if (!state.fatal && !cancelled) state.fatal = checkInvariant(flow, counts, state.made);
  const { fatal } = state;
  const status: RunStatus = cancelled ? 'cancelled' : fatal ? 'failed' : totals.failed > 0 ? 'partial' : 'succeeded';
  // A retry never moves a cursor: the flow's next run reads on from where its last run ended.
  if (!dryRun && !opts.retry && (status === 'succeeded' || status === 'partial')) commitCursors(flow, services, state.stagedCursors, state.failedKeys, status);
  const finishedAt = new Date();
  const error = cancelled ? 'The run was cancelled.' : fatal === undefined ? undefined : mask(fatal);
  const summary: RunSummary = {
    runId,
    flowId: doc.id,
    flowVersion: opts.flowVersion ?? null,
    flowName: doc.name,
    dryRun,
    status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    ...totals,
    nodes: counts,
    ...(error ? { error } : {}),
    ...(opts.retry ? { startedBy: 'retry' as const, retryOf: opts.retry.of } : {}),
  };
  services.recorder.finish(runId, { status, finishedAt: summary.finishedAt, counts: { read: totals.read, ok: totals.ok, skipped: totals.skipped, failed: totals.failed, nodes: counts }, error });
  progress(true);
  emitEvent({ type: 'finished', runId, summary });
  return summary;
}
