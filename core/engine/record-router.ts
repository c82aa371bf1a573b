/**
 * What the runner does with a node's outcomes: each record's lineage gets the node's step, the
 * node's counts go up, and the record either goes on to the nodes its output feeds (in batches,
 * through their channels) or ends there (sent, skipped, failed) and is written to the history.
 */
import type { NodeCounts, RunEvent } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import type { FlowWiring, Route } from './flow-wiring';
import type { ReportProgress } from './progress-reporter';
import type { LineageStep, Outcome, Rec } from './record';
import type { RunState } from './run-state';
import type { SourceOrder } from './source-order';
import type { RecordStatus, RunRecorder } from './services';

export interface RecordRouterDeps {
  flow: PreparedFlow;
  state: RunState;
  wiring: FlowWiring;
  recorder: RunRecorder;
  progress: ReportProgress;
  emitEvent: (event: RunEvent) => void;
  /** Emit a `record` event for every finished record (the UI's live list). */
  recordEvents: boolean;
  mask: (text: string) => string;
  /** The nodes that take their batches in the sender's turn (inline-nodes.ts), and how. */
  inline: Set<string>;
  deliverInline: (nodeId: string, batch: Rec[]) => Promise<void>;
  /** Counts each source's records on their way, when a source of the flow reads after others. */
  order: SourceOrder | undefined;
}

/** Routes one node's outcomes: `isSource` when they are new records (their step keeps the data). */
export type RouteOutcomes = (nodeId: string, isSource: boolean, outcomes: Outcome[]) => Promise<void>;

export function recordRouter(deps: RecordRouterDeps): RouteOutcomes {
  const { flow, state, wiring, recorder, progress, emitEvent, mask, order } = deps;
  const { runId, totals, failedKeys } = state;

  const finish = (rec: Rec, status: RecordStatus, node: string, port: string | undefined, message: string | undefined) => {
    totals[status === 'ok' ? 'ok' : status]++;
    order?.ended(rec.source);
    if (status === 'failed') failedKeys.set(rec.source, (failedKeys.get(rec.source) ?? new Set()).add(rec.key));
    // What the record's last node did: a failed order after an updated customer shows the failure.
    const last = rec.trail.at(-1);
    const action = last?.action;
    const targetId = last?.targetId;
    const read = rec.sourceText;
    const sourceJson = read && rec.trail[0]?.data === read.of ? read.json : undefined;
    recorder.record(runId, { seq: rec.seq, key: rec.key, label: rec.label, source: rec.source, status, node, port, action, targetId, message, lineage: rec.trail, sourceJson });
    if (deps.recordEvents) emitEvent({ type: 'record', runId, seq: rec.seq, key: rec.key, ...(rec.label === undefined ? {} : { label: mask(rec.label) }), status, node, action, message: message === undefined ? undefined : mask(message) });
  };

  return async (nodeId, isSource, outcomes) => {
    const c = state.counts[nodeId] as NodeCounts;
    const batches = new Map<string, Rec[]>();
    if (isSource) order?.setOut(nodeId, outcomes.length);
    for (const o of outcomes) {
      const rec = o.rec;
      if (o.kind === 'fail') {
        c.failed++;
        const step: LineageStep = isSource ? { node: nodeId, data: rec.data, error: o.error.message } : { node: nodeId, error: o.error.message };
        if (o.error.field) step.field = o.error.field;
        rec.trail.push(step);
        finish(rec, 'failed', nodeId, undefined, o.error.message);
        continue;
      }
      if (o.action) c[o.action === 'create' ? 'created' : o.action === 'update' ? 'updated' : 'unchanged']++;
      if (o.kind === 'skip') {
        c.skipped++;
        // A source's skip (an echo) keeps what was read, as its fail does.
        const step: LineageStep = { node: nodeId, action: o.action, targetId: o.targetId, answer: o.answer, note: o.reason };
        if (isSource) step.data = rec.data;
        rec.trail.push(step);
        finish(rec, 'skipped', nodeId, undefined, o.reason);
        continue;
      }
      c.out[o.port] = (c.out[o.port] ?? 0) + 1;
      rec.trail.push(stepOf(nodeId, o, isSource || o.data !== rec.data));
      rec.data = o.data;
      const dests = wiring.routes.get(nodeId)?.get(o.port);
      if (!dests?.length) {
        // Issue 11: a record a filter rejected, with nothing connected to take it, was filtered
        // out: skipped with the reason, never counted as done.
        const filteredOut = filteredOutReason(flow, nodeId, o.port);
        if (filteredOut) finish(rec, 'skipped', nodeId, o.port, filteredOut);
        else finish(rec, 'ok', nodeId, o.port, o.note);
        continue;
      }
      if (dests.length > 1) order?.setOut(rec.source, dests.length - 1);
      for (let i = 0; i < dests.length; i++) {
        const dest = dests[i] as Route;
        // Object.assign, not a spread with fields after it: see own-field.ts `copyFields`.
        const r = i === 0 ? rec : Object.assign({}, rec, { seq: state.seq++, trail: rec.trail.slice() });
        r.port = dest.port;
        const list = batches.get(dest.node);
        if (list) list.push(r);
        else batches.set(dest.node, [r]);
      }
    }
    for (const [dest, recs] of batches) {
      if (deps.inline.has(dest)) await deps.deliverInline(dest, recs);
      else await wiring.channels.get(dest)?.push(recs);
    }
    progress();
  };
}

/**
 * The lineage step of a record a node sent on. Most steps are only "it went through" or "it
 * changed into this": those are made whole in one literal, since adding fields one by one to an
 * object costs an allocation more per step, and a run makes one step per record and node.
 */
function stepOf(nodeId: string, o: Extract<Outcome, { kind: 'emit' }>, withData: boolean): LineageStep {
  if (!o.action && o.targetId === undefined && o.answer === undefined && o.note === undefined) {
    if (!withData) return { node: nodeId, port: o.port };
    if (o.rebuilt) return { node: nodeId, port: o.port, data: o.data, changed: o.changed, rebuilt: true };
    return o.changed ? { node: nodeId, port: o.port, data: o.data, changed: o.changed } : { node: nodeId, port: o.port, data: o.data };
  }
  const step: LineageStep = { node: nodeId, port: o.port };
  if (withData) step.data = o.data;
  if (withData && o.changed) step.changed = o.changed;
  if (withData && o.rebuilt) step.rebuilt = true;
  if (o.action) step.action = o.action;
  if (o.targetId !== undefined) step.targetId = o.targetId;
  if (o.answer !== undefined) step.answer = o.answer;
  if (o.note !== undefined) step.note = o.note;
  return step;
}

/** Why a record that left by this output, with nothing connected to it, ends skipped; undefined when it is done. */
function filteredOutReason(flow: PreparedFlow, nodeId: string, port: string): string | undefined {
  const prepared = flow.nodes.get(nodeId);
  const spec = prepared?.def.outputs.find((p) => p.name === port);
  if (!prepared || !spec?.filtersOut) return undefined;
  return `filtered out by “${prepared.node.label || prepared.def.title}” (nothing is connected to its “${spec.label ?? spec.name}” output)`;
}
