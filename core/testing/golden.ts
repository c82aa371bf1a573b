/**
 * Runs a small flow end to end for a test: a real store in a temporary folder, the real engine,
 * and the finished records read back from the run history with their final data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flowDocumentSchema, type FlowDocument } from '../api/flow-document';
import type { RunEvent, RunSummary } from '../api/run-model';
import { executeFlow, type ExecuteOptions } from '../engine/execute-flow';
import { retryFailedRecords } from '../engine/retry-run';
import type { LineageStep } from '../engine/record';
import { builtinRegistry } from '../nodes/builtin';
import type { NodeRegistry } from '../nodes/registry';
import { Store } from '../store/store';

export interface FinishedRecord {
  key: string;
  label: string | null;
  status: string;
  node: string;
  port: string | null;
  action: string | null;
  targetId: string | null;
  message: string | null;
  data: unknown;
  lineage: LineageStep[];
}

export interface TestRun {
  summary: RunSummary;
  records: FinishedRecord[];
  events: RunEvent[];
}

export function tempDir(prefix = 'sincro-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function testStore(): Store & { dispose(): void } {
  const dir = tempDir();
  const store = Store.open({ dataDir: dir.path });
  return Object.assign(store, {
    dispose() {
      store.close();
      dir.remove();
    },
  });
}

/** The data a record had when it finished: the last step that carried data. */
export function finalData(lineage: LineageStep[]): unknown {
  for (let i = lineage.length - 1; i >= 0; i--) if (lineage[i]?.data !== undefined) return lineage[i]?.data;
  return undefined;
}

export function flow(partial: Omit<Partial<FlowDocument>, 'nodes'> & { nodes: Array<{ id: string; type: string; config?: Record<string, unknown> }> }): FlowDocument {
  return flowDocumentSchema.parse({ schemaVersion: 1, id: 'test-flow', name: 'Test flow', edges: [], ...partial });
}

/**
 * Retries the failed records of `runId` (retry-run.ts) with `doc` saved as the flow's current
 * version (what the app and `sincro run` do before a run), read back like runTestFlow's.
 */
export async function retryTestRun(store: Store, registry: NodeRegistry, runId: string, doc?: FlowDocument, opts: { dryRun?: boolean } = {}): Promise<TestRun> {
  if (doc) store.flows.save(doc);
  const events: RunEvent[] = [];
  const result = await retryFailedRecords(store, registry, runId, { dryRun: opts.dryRun, onEvent: (e) => events.push(e), recordEvents: true });
  if (!result.ok) throw new Error(`the test flow is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
  return { summary: result.summary, records: finishedRecords(store, result.summary.runId), events };
}

function finishedRecords(store: Store, runId: string): FinishedRecord[] {
  return store.runs.records(runId, { limit: 100_000 }).map((r) => {
    const lineage = r.lineage as LineageStep[];
    return { key: r.key, label: r.label, status: r.status, node: r.node, port: r.port, action: r.action, targetId: r.targetId, message: r.message, data: finalData(lineage), lineage };
  });
}

export async function runTestFlow(
  doc: FlowDocument,
  opts: { store?: Store; registry?: NodeRegistry; dryRun?: boolean; baseDir?: string; batchSize?: number; signal?: AbortSignal; retry?: ExecuteOptions['retry'] } = {},
): Promise<TestRun> {
  const own = opts.store ? undefined : testStore();
  const store = opts.store ?? (own as Store);
  try {
    const events: RunEvent[] = [];
    const result = await executeFlow(store, opts.registry ?? builtinRegistry(), doc, { dryRun: opts.dryRun, baseDir: opts.baseDir, batchSize: opts.batchSize, signal: opts.signal, retry: opts.retry, onEvent: (e) => events.push(e), recordEvents: true });
    if (!result.ok) throw new Error(`the test flow is invalid:\n${result.problems.map((p) => p.message).join('\n')}`);
    return { summary: result.summary, records: finishedRecords(store, result.summary.runId), events };
  } finally {
    own?.dispose();
  }
}
