/**
 * The one way a flow is run by the CLI, the desktop app and the scheduler: check it against the
 * node types and the world (files, connections), then run it with the store's services.
 */
import type { FlowDocument, FlowProblem } from '../api/flow-document';
import type { RunEvent, RunSummary } from '../api/run-model';
import { checkFlow, type PreparedFlow } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { Store } from '../store/store';
import { runFlow, type RetrySpec } from './run-flow';

export interface ExecuteOptions {
  version?: number | null;
  dryRun?: boolean;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  recordEvents?: boolean;
  baseDir?: string;
  trigger?: string;
  batchSize?: number;
  runId?: string;
  /** Run only the failed records of an earlier run (retry-run.ts). */
  retry?: RetrySpec;
  /**
   * Save the document as a flow version after it passed the checks (runs of a flow file). A dry
   * run saves nothing: it runs as the stored version it equals, or as no version.
   */
  saveNote?: string;
  /**
   * Changes the checked flow before it runs (issue 11: a dry run's sources hand on pinned test
   * records, or the records of a past run — core/engine/given-records.ts).
   */
  prepare?: (flow: PreparedFlow) => PreparedFlow;
}

export type ExecuteResult = { ok: true; summary: RunSummary } | { ok: false; problems: FlowProblem[] };

export async function executeFlow(store: Store, registry: NodeRegistry, doc: FlowDocument, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const baseDir = opts.baseDir ?? process.cwd();
  const checked = await checkFlow(doc, registry, { baseDir, connection: (id) => store.connections.get(id) });
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const fromFile = opts.saveNote !== undefined;
  const version = !fromFile ? opts.version : opts.dryRun ? (store.flows.currentVersionOf(doc) ?? null) : store.flows.save(doc, opts.saveNote, { baseDir }).version;
  const summary = await runFlow({
    flow: opts.prepare ? opts.prepare(checked.flow) : checked.flow,
    flowVersion: version ?? null,
    services: store.runServices(),
    dryRun: opts.dryRun,
    signal: opts.signal,
    onEvent: opts.onEvent,
    recordEvents: opts.recordEvents,
    baseDir,
    trigger: opts.trigger,
    batchSize: opts.batchSize,
    runId: opts.runId,
    retry: opts.retry,
  });
  // Retention (MISSION PLT-6) happens by itself: old history goes once a day, after a run.
  await store.purgeIfDue();
  return { ok: true, summary };
}
