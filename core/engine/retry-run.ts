/**
 * "Retry the failed records": a new run of the flow's current version that runs only the records
 * that failed in an earlier run. Sources that read records by key (`rereadsFailed`) read exactly
 * those keys; any other source is read as usual and only those keys go on. The id ledger keeps
 * anything from being created twice, and the retry moves no sync cursor. The new run is stored as
 * started by "retry", naming the run it retried.
 */
import type { Store } from '../store/store';
import type { NodeRegistry } from '../nodes/registry';
import type { RunInfo } from '../store/runs';
import { executeFlow, type ExecuteOptions, type ExecuteResult } from './execute-flow';
import { newRunId, type RetrySpec } from './run-flow';

/** Why a run cannot be retried, in words for the user. */
export class RetryRefused extends Error {}

export interface RetryPlan {
  run: RunInfo;
  flow: NonNullable<ReturnType<Store['flows']['get']>>;
  retry: RetrySpec;
  /** How many failed records will run again. */
  records: number;
  /** Sources of failed records that the flow no longer has (their records cannot be retried). */
  missingSources: string[];
}

/** What a retry of `runId` would run; refuses a run that is going on, has no failed records, or whose flow is gone. */
export function planRetry(store: Store, runId: string): RetryPlan {
  const run = store.runs.get(runId);
  if (!run) throw new RetryRefused(`There is no run "${runId}". \`sincro runs list --status partial\` shows runs with failed records.`);
  if (run.status === 'running') throw new RetryRefused(`The run ${runId} is still going on; retry its failed records when it has finished.`);
  const keys = store.runs.failedKeys(runId);
  if (!keys.size) throw new RetryRefused(`The run ${runId} has no failed records to retry${run.status === 'failed' ? ` (it stopped as a whole: ${firstLine(run.error)}); run the flow again instead` : ''}.`);
  const flow = store.flows.get(run.flowId);
  if (!flow) throw new RetryRefused(`The flow "${run.flowName}" (${run.flowId}) of run ${runId} is no longer stored, so its records cannot be retried.`);
  const sources = new Set(flow.doc.nodes.map((n) => n.id));
  const missingSources = [...keys.keys()].filter((node) => !sources.has(node));
  const kept = new Map([...keys].filter(([node]) => sources.has(node)));
  if (!kept.size) throw new RetryRefused(`The failed records of run ${runId} came from ${missingSources.map((s) => `"${s}"`).join(', ')}, which the flow "${flow.doc.name}" no longer has (version ${flow.version}).`);
  let records = 0;
  for (const list of kept.values()) records += list.length;
  return { run, flow, retry: { of: runId, keys: kept }, records, missingSources };
}

export async function retryFailedRecords(
  store: Store,
  registry: NodeRegistry,
  runId: string,
  opts: Omit<ExecuteOptions, 'retry' | 'version' | 'saveNote' | 'trigger'> & { plan?: RetryPlan } = {},
): Promise<ExecuteResult & { plan: RetryPlan }> {
  const { plan = planRetry(store, runId), ...execute } = opts;
  const newRun = execute.runId ?? newRunId();
  for (const node of plan.missingSources) {
    execute.onEvent?.({ type: 'log', runId: newRun, node, level: 'warn', message: `the failed records of "${node}" are not retried: the flow no longer has that node` });
  }
  const result = await executeFlow(store, registry, plan.flow.doc, { ...execute, runId: newRun, version: plan.flow.version, baseDir: execute.baseDir ?? plan.flow.baseDir ?? undefined, trigger: 'retry', retry: plan.retry });
  return { ...result, plan };
}

const firstLine = (text: string | null) => (text ?? 'no reason was stored').split('\n')[0];
