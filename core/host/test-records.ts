/**
 * The change-and-test loop of the editor (issue 11): where a flow's sources stand (why a dry run
 * read nothing), the records a past run read (to test a changed flow on them again), a source's
 * pinned test records, and what each step received and made of them in the last run.
 */
import type { FlowReadState, StepData } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import { listSource, withGivenRecords, type GivenRecord, type GivenSource } from '../engine/given-records';
import type { LineageStep } from '../engine/record';
import type { PreparedFlow } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { RunInfo } from '../store/runs';
import type { Store } from '../store/store';
import { ApiError } from './api-error';

/** A test on the last run's records replays at most this many (the first ones of that run). */
export const REPLAY_LIMIT = 20_000;
const PAGE = 1000;
/** The engine keeps the keys of a source's failed records under this cursor name (core/engine/run-end.ts). */
const FAILED_CURSOR = 'failedKeys';

const finished = (r: RunInfo) => r.status !== 'running' && (r.counts?.read ?? 0) > 0;

/** The flow's latest finished run that read records. */
export function lastRunThatRead(store: Store, flowId: string): RunInfo | undefined {
  return store.runs.list({ flowId, limit: 50 }).find(finished);
}

/** "the run of 27 Nov 22:23" — how the lineage of a replayed record names where it came from. */
function runWords(run: RunInfo): string {
  const d = new Date(run.startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `the ${run.dryRun ? 'dry run' : 'run'} of ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The records each source of the flow read in its latest run that read any, as the source made
 * them: the first step of each record's lineage. A record sent on to several steps is one record;
 * one too large to have been kept whole (see capLineage) cannot be replayed and is counted.
 */
export function lastRunRecords(store: Store, flowId: string): { run: RunInfo; sources: Map<string, GivenSource>; count: number; notKept: number } | null {
  const run = lastRunThatRead(store, flowId);
  if (!run) return null;
  const bySource = new Map<string, GivenRecord[]>();
  const seen = new Set<string>();
  let count = 0;
  let notKept = 0;
  for (let afterSeq = -1, read = 0; count < REPLAY_LIMIT && read < REPLAY_LIMIT; read += PAGE) {
    const page = store.runs.records(run.id, { limit: PAGE, afterSeq });
    afterSeq = page.at(-1)?.seq ?? afterSeq;
    for (const r of page) {
      const first = Array.isArray(r.lineage) ? (r.lineage[0] as LineageStep | undefined) : undefined;
      // A record failed by its source itself was never handed on: nothing to replay.
      if (first?.node === r.source && first.error) continue;
      if (!first || first.node !== r.source) {
        notKept++;
        continue;
      }
      const data = first.data as { truncated?: unknown } | undefined;
      if (data === undefined || (data && typeof data === 'object' && data.truncated === true)) {
        notKept++;
        continue;
      }
      const id = `${r.source}\u0000${r.key}\u0000${JSON.stringify(first.data)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = bySource.get(r.source) ?? [];
      list.push({ key: r.key, data: first.data });
      bySource.set(r.source, list);
      if (++count >= REPLAY_LIMIT) break;
    }
    if (page.length < PAGE) break;
  }
  const note = `replayed from ${runWords(run)}`;
  return { run, sources: new Map([...bySource].map(([id, records]) => [id, listSource(records, note)])), count, notKept };
}

/** Every source of the flow hands on the last run's records (a source that read none, none). */
export function replaySources(doc: FlowDocument, replay: { sources: Map<string, GivenSource> }, isSource: (type: string) => boolean): Map<string, GivenSource> {
  const out = new Map<string, GivenSource>();
  for (const n of doc.nodes) if (isSource(n.type)) out.set(n.id, replay.sources.get(n.id) ?? listSource([], 'nothing to replay'));
  return out;
}

/** The sources with pinned test records. */
export function pinnedSources(doc: FlowDocument): Map<string, GivenSource> {
  const out = new Map<string, GivenSource>();
  for (const n of doc.nodes) if (n.pinned?.length) out.set(n.id, listSource(n.pinned, 'a pinned test record'));
  return out;
}

/** Where each source stands: when it last moved on (a run read what changed until then) and what it will read again. */
export function readState(store: Store, doc: FlowDocument, isSource: (type: string) => boolean): FlowReadState {
  const rows = store.cursors.list(doc.id);
  const sources = doc.nodes
    .filter((n) => isSource(n.type))
    .map((n) => {
      const own = rows.filter((r) => r.nodeId === n.id);
      const moved = own.filter((r) => r.name !== FAILED_CURSOR).map((r) => r.updatedAt);
      const failed = own.find((r) => r.name === FAILED_CURSOR);
      let failedKeys = 0;
      try {
        failedKeys = failed ? (JSON.parse(failed.value) as unknown[]).length : 0;
      } catch {
        failedKeys = 0;
      }
      return { node: n.id, movedOnAt: moved.length ? moved.sort().at(-1) ?? null : null, failedKeys, pinned: n.pinned?.length ?? 0 };
    });
  const last = lastRunThatRead(store, doc.id);
  return { sources, lastRecords: last ? { runId: last.id, startedAt: last.startedAt, read: last.counts?.read ?? 0, dryRun: last.dryRun } : null };
}

/**
 * What one step received and made of each record in the flow's latest run (or the given one): its
 * input is the record's data before the step, its output the data after it (the same when the step
 * did not change it), or why the record stopped there.
 */
export function stepData(store: Store, flowId: string, nodeId: string, limit: number, runId?: string): StepData | null {
  const run = runId ? store.runs.get(runId) : store.runs.list({ flowId, limit: 1 })[0];
  if (!run || run.flowId !== flowId) return null;
  const records: StepData['records'] = [];
  for (let afterSeq = -1, read = 0; records.length < limit && read < REPLAY_LIMIT; read += PAGE) {
    const page = store.runs.records(run.id, { limit: PAGE, afterSeq });
    afterSeq = page.at(-1)?.seq ?? afterSeq;
    for (const r of page) {
      const trail = Array.isArray(r.lineage) ? (r.lineage as LineageStep[]) : [];
      const at = trail.findIndex((s) => s.node === nodeId);
      if (at < 0) continue;
      if (records.length >= limit) break;
      const before = [...trail.slice(0, at)].reverse().find((s) => s.data !== undefined)?.data;
      const step = trail[at] as LineageStep;
      const ended = at === trail.length - 1 && r.status !== 'ok';
      records.push({
        seq: r.seq,
        key: r.key,
        status: at === trail.length - 1 ? r.status : 'ok',
        ...(at > 0 ? { input: before } : {}),
        ...(ended ? {} : { output: step.data !== undefined ? step.data : before }),
        ...(step.port ? { port: step.port } : {}),
        ...(step.action ? { action: step.action } : {}),
        ...(step.error ?? step.note ? { message: step.error ?? step.note } : {}),
      });
    }
    if (page.length < PAGE) break;
  }
  return { runId: run.id, dryRun: run.dryRun, startedAt: run.startedAt, records };
}

/**
 * How runs.start runs a flow: a real run reads the apps; a dry run uses the pinned test records of
 * the sources that have some, or — asked for — replays the records of the last run that read any.
 */
export function testRun(store: Store, registry: NodeRegistry, doc: FlowDocument, dryRun: boolean, replay: boolean, usePinned = true): { trigger: string; prepare?: (flow: PreparedFlow) => PreparedFlow } {
  if (!dryRun) {
    if (replay) throw new ApiError('Only a dry run can test on the last run\'s records: a real run reads the apps.', 'bad-input');
    return { trigger: 'manual' };
  }
  const isSource = (type: string) => registry.get(type)?.kind === 'source';
  if (replay) {
    const last = lastRunRecords(store, doc.id);
    if (!last) throw new ApiError('This flow has no run that read records yet: run a dry run that reads from the apps first, or read everything again.', 'bad-input');
    const given = replaySources(doc, last, isSource);
    return { trigger: `test on the records of run ${last.run.id}`, prepare: (flow) => withGivenRecords(flow, given) };
  }
  const pinned = usePinned ? pinnedSources(doc) : new Map<string, GivenSource>();
  return pinned.size ? { trigger: 'dry run on pinned test records', prepare: (flow) => withGivenRecords(flow, pinned) } : { trigger: 'dry run' };
}
