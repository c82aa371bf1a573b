/**
 * Runs a validated flow: every node is a task, records travel between them in batches through
 * bounded channels (so memory stays flat), each record carries its lineage, and every record's
 * end (sent, skipped, failed) is written to the run history. Records are treated as immutable:
 * a node that changes data makes a new object, which is what lets fan-out share data safely.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { emptyCounts, totalOut, type NodeCounts, type RunEvent, type RunStatus, type RunSummary } from '../api/run-model';
import { settingInWords } from '../flow/flow-settings';
import type { PreparedFlow } from '../flow/validate-flow';
import type { NodeRunContext } from '../nodes/define-node';
import { Channel } from './channel';
import { echoReason } from './echo-guard';
import { skip, type LineageStep, type Outcome, type Rec } from './record';
import { labelText, onlyKeys } from './source-records';
import { SecretMask } from './secret-mask';
import { switchedOff } from './switched-off';
import type { IdLedger, LedgerEntry, RecordStatus, RunServices } from './services';

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

export interface RetrySpec {
  of: string;
  keys: ReadonlyMap<string, readonly string[]>;
}

const CHANNEL_CAPACITY = 2;
const PROGRESS_EVERY_MS = 200;

interface Route {
  node: string;
  port: string;
}

export function newRunId(): string {
  return `run_${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}_${randomUUID().slice(0, 8)}`;
}

export async function runFlow(opts: RunFlowOptions): Promise<RunSummary> {
  const { flow, services } = opts;
  const doc = flow.doc;
  const runId = opts.runId ?? newRunId();
  const dryRun = opts.dryRun ?? false;
  const batchSize = opts.batchSize ?? 500;
  const internal = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, internal.signal]) : internal.signal;
  // Every request in flight listens for a cancel; a run may well have more than ten at once.
  setMaxListeners(0, signal);
  const emitEvent = opts.onEvent ?? (() => {});
  const startedAt = new Date();
  // Whatever the run writes or tells passes through the mask of its connections' secrets.
  const secrets = new SecretMask();
  const { mask } = secrets;

  const counts: Record<string, NodeCounts> = {};
  const made: Record<string, number> = {};
  const routes = new Map<string, Map<string, Route[]>>();
  const upstreams = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  for (const id of flow.order) {
    counts[id] = emptyCounts();
    made[id] = 0;
    for (const port of flow.nodes.get(id)?.def.outputs ?? []) counts[id].out[port.name] = 0;
  }
  for (const e of doc.edges) {
    const byPort = routes.get(e.from.node) ?? new Map<string, Route[]>();
    routes.set(e.from.node, byPort);
    byPort.set(e.from.port, [...(byPort.get(e.from.port) ?? []), { node: e.to.node, port: e.to.port }]);
    upstreams.set(e.to.node, (upstreams.get(e.to.node) ?? new Set()).add(e.from.node));
    downstream.set(e.from.node, (downstream.get(e.from.node) ?? new Set()).add(e.to.node));
  }
  const channels = new Map<string, Channel<Rec[]>>();
  for (const id of flow.order) {
    if (flow.nodes.get(id)?.def.kind !== 'source') channels.set(id, new Channel<Rec[]>(CHANNEL_CAPACITY, upstreams.get(id)?.size ?? 0));
  }

  let seq = 0;
  const totals = { read: 0, ok: 0, skipped: 0, failed: 0 };
  const stagedCursors: Array<[string, string, string]> = [];
  /** Keys of records that failed, per source node (for sources that read them again next time). */
  const failedKeys = new Map<string, Set<string>>();
  const memo = new Map<string, unknown>();
  const ledger = dryRun ? dryRunLedger(services.ledger) : services.ledger;
  let fatal: string | undefined;
  let lastProgress = 0;

  let trailing: ReturnType<typeof setTimeout> | undefined;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) {
      // Counts held back now are told a moment later, so a run that pauses (waiting for its
      // source) does not leave the screen showing counts from before its last records.
      trailing ??= setTimeout(() => {
        trailing = undefined;
        progress(true);
      }, PROGRESS_EVERY_MS - (now - lastProgress)).unref();
      return;
    }
    if (trailing) clearTimeout(trailing);
    trailing = undefined;
    lastProgress = now;
    emitEvent({ type: 'progress', runId, nodes: structuredClone(counts) });
  };

  const finish = (rec: Rec, status: RecordStatus, node: string, port: string | undefined, message: string | undefined) => {
    totals[status === 'ok' ? 'ok' : status]++;
    if (status === 'failed') failedKeys.set(rec.source, (failedKeys.get(rec.source) ?? new Set()).add(rec.key));
    // What the record's last node did: a failed order after an updated customer shows the failure.
    const last = rec.trail.at(-1);
    const action = last?.action;
    const targetId = last?.targetId;
    services.recorder.record(runId, { seq: rec.seq, key: rec.key, ...(rec.label === undefined ? {} : { label: rec.label }), source: rec.source, status, node, port, action, targetId, message, lineage: rec.trail });
    if (opts.recordEvents) emitEvent({ type: 'record', runId, seq: rec.seq, key: rec.key, status, node, action, message: message === undefined ? undefined : mask(message) });
  };

  const route = async (nodeId: string, isSource: boolean, outcomes: Outcome[]) => {
    const c = counts[nodeId] as NodeCounts;
    const batches = new Map<string, Rec[]>();
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
        rec.trail.push({ node: nodeId, action: o.action, targetId: o.targetId, answer: o.answer, note: o.reason });
        finish(rec, 'skipped', nodeId, undefined, o.reason);
        continue;
      }
      c.out[o.port] = (c.out[o.port] ?? 0) + 1;
      const step: LineageStep = { node: nodeId, port: o.port };
      if (isSource || o.data !== rec.data) step.data = o.data;
      if (o.action) step.action = o.action;
      if (o.targetId !== undefined) step.targetId = o.targetId;
      if (o.answer !== undefined) step.answer = o.answer;
      if (o.note !== undefined) step.note = o.note;
      rec.trail.push(step);
      rec.data = o.data;
      const dests = routes.get(nodeId)?.get(o.port);
      if (!dests?.length) {
        // Issue 11: a record a filter rejected, with nothing connected to take it, was filtered
        // out: skipped with the reason, never counted as done.
        const filteredOut = filteredOutReason(flow, nodeId, o.port);
        if (filteredOut) finish(rec, 'skipped', nodeId, o.port, filteredOut);
        else finish(rec, 'ok', nodeId, o.port, o.note);
        continue;
      }
      dests.forEach((dest, i) => {
        const r = i === 0 ? rec : { ...rec, seq: seq++, trail: rec.trail.slice() };
        r.port = dest.port;
        const list = batches.get(dest.node);
        if (list) list.push(r);
        else batches.set(dest.node, [r]);
      });
    }
    for (const [dest, recs] of batches) await channels.get(dest)?.push(recs);
    progress();
  };

  const contextFor = (nodeId: string): NodeRunContext<unknown> => {
    const prepared = flow.nodes.get(nodeId);
    if (!prepared) throw new Error(`node ${nodeId} is not prepared`);
    return {
      nodeId,
      config: prepared.config,
      runId,
      flow: { id: doc.id, name: doc.name, settings: doc.settings },
      dryRun,
      signal,
      batchSize,
      baseDir: opts.baseDir ?? process.cwd(),
      ledger,
      cursor: {
        get: (name) => services.cursors.get(doc.id, nodeId, name),
        set: (name, value) => void stagedCursors.push([nodeId, name, value]),
      },
      retrying: opts.retry !== undefined,
      failedLastTime: () => (opts.retry ? [...(opts.retry.keys.get(nodeId) ?? [])] : (JSON.parse(services.cursors.get(doc.id, nodeId, FAILED_CURSOR) ?? '[]') as string[])),
      connection: (id) => {
        const conn = services.connections.get(id);
        if (!conn) throw new Error(`the connection "${id}" is not stored; add it under Connections or choose another one in node "${nodeId}"`);
        secrets.addConnection(conn);
        return conn;
      },
      saveConnectionSecrets: (id, renewed) => {
        const conn = services.connections.get(id);
        if (conn) secrets.addConnection(conn, renewed);
        services.connections.updateSecrets(id, renewed);
      },
      memo: <T>(key: string, make: () => T): T => {
        if (!memo.has(key)) memo.set(key, make());
        return memo.get(key) as T;
      },
      newRecord: (key, data) => {
        made[nodeId] = (made[nodeId] ?? 0) + 1;
        totals.read++;
        const origin = prepared.def.originOf?.(data, key);
        const label = labelText(prepared.def.labelOf?.(data, key, prepared.config));
        return { seq: seq++, key, source: nodeId, data, port: '', trail: [], ...(origin ? { origin } : {}), ...(label ? { label } : {}) };
      },
      log: (level, message) => emitEvent({ type: 'log', runId, node: nodeId, level, message: mask(message) }),
      settingOf: (field) => {
        const key = prepared.settings[field];
        return key === undefined ? undefined : `the setting ${settingInWords(doc.settingsSchema, key)}`;
      },
    };
  };

  async function* counted(nodeId: string, channel: Channel<Rec[]>): AsyncIterable<Rec[]> {
    const c = counts[nodeId] as NodeCounts;
    for await (const batch of channel) {
      c.in += batch.length;
      yield batch;
    }
  }

  /** A target never gets a record that came from its own app: it is skipped here (echo-guard.ts). */
  async function* withoutEchoes(nodeId: string, app: string, input: AsyncIterable<Rec[]>): AsyncIterable<Rec[]> {
    for await (const batch of input) {
      const echoes: Outcome[] = [];
      const rest: Rec[] = [];
      for (const rec of batch) {
        const reason = echoReason(rec, app, flow.nodes.get(rec.source)?.def.app);
        if (reason) echoes.push(skip(rec, reason));
        else rest.push(rec);
      }
      if (echoes.length) await route(nodeId, false, echoes);
      if (rest.length) yield rest;
    }
  }

  const runNode = async (nodeId: string) => {
    const prepared = flow.nodes.get(nodeId);
    if (!prepared) return;
    const isSource = prepared.def.kind === 'source';
    const channel = channels.get(nodeId);
    const read: AsyncIterable<Rec[]> = channel ? counted(nodeId, channel) : emptyInput();
    const input = prepared.def.kind === 'target' ? withoutEchoes(nodeId, prepared.def.app, read) : read;
    // In a retry, a source none of whose records failed reads nothing.
    const retryKeys = isSource && opts.retry ? new Set(opts.retry.keys.get(nodeId) ?? []) : undefined;
    if ((!prepared.enabled && isSource) || retryKeys?.size === 0) {
      for (const down of downstream.get(nodeId) ?? []) channels.get(down)?.done();
      return;
    }
    // Issue 11: a step switched off does not run; what happens to its records is switched-off.ts.
    let output = prepared.enabled ? prepared.def.run(contextFor(nodeId), input) : switchedOff(prepared, input);
    // A source that reads failed records by key reads only those in a retry; any other is read
    // as it is, and only the records with those keys go on.
    if (retryKeys && !prepared.def.rereadsFailed) {
      const notRetried = () => {
        made[nodeId] = (made[nodeId] ?? 0) - 1;
        totals.read--;
      };
      output = onlyKeys(output, retryKeys, notRetried);
    }
    try {
      for await (const outcomes of output) {
        await route(nodeId, isSource, outcomes);
        if (signal.aborted) break;
      }
      // A node that stopped reading early must not block its upstream forever; what it left
      // unread is counted as input, so the invariant check reports the loss.
      if (channel && !signal.aborted) for await (const batch of channel) (counts[nodeId] as NodeCounts).in += batch.length;
    } catch (e) {
      if (!signal.aborted) {
        fatal ??= `Node "${nodeId}" (${prepared.def.title}) stopped the run: ${e instanceof Error ? e.message : String(e)}`;
        internal.abort(new Error(fatal));
      }
    } finally {
      for (const down of downstream.get(nodeId) ?? []) channels.get(down)?.done();
    }
  };

  signal.addEventListener('abort', () => {
    for (const ch of channels.values()) ch.abort(signal.reason);
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
  });
  emitEvent({ type: 'started', runId, flowId: doc.id, flowName: doc.name, dryRun, nodes: flow.order, at: startedAt.toISOString() });

  await Promise.all(flow.order.map(runNode));

  const cancelled = opts.signal?.aborted === true;
  if (!fatal && !cancelled) fatal = checkInvariant(flow, counts, made);
  const status: RunStatus = cancelled ? 'cancelled' : fatal ? 'failed' : totals.failed > 0 ? 'partial' : 'succeeded';
  // A retry never moves a cursor: the flow's next run reads on from where its last run ended.
  if (!dryRun && !opts.retry && (status === 'succeeded' || status === 'partial')) commitCursors(flow, services, stagedCursors, failedKeys, status);
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

async function* emptyInput(): AsyncIterable<Rec[]> {}

/** Why a record that left by this output, with nothing connected to it, ends skipped; undefined when it is done. */
function filteredOutReason(flow: PreparedFlow, nodeId: string, port: string): string | undefined {
  const prepared = flow.nodes.get(nodeId);
  const spec = prepared?.def.outputs.find((p) => p.name === port);
  if (!prepared || !spec?.filtersOut) return undefined;
  return `filtered out by “${prepared.node.label || prepared.def.title}” (nothing is connected to its “${spec.label ?? spec.name}” output)`;
}

const FAILED_CURSOR = 'failedKeys';

/**
 * Sync cursors move on after a successful run. After a partial one they move on only for sources
 * that read their failed records again by key (which are remembered); other sources keep their old
 * cursor, so their failed records are read again with everything after them.
 */
function commitCursors(flow: PreparedFlow, services: RunServices, staged: Array<[string, string, string]>, failed: Map<string, Set<string>>, status: RunStatus) {
  const rereads = (nodeId: string) => flow.nodes.get(nodeId)?.def.rereadsFailed === true;
  const movable = (nodeId: string) => status === 'succeeded' || rereads(nodeId) || !failed.has(nodeId);
  for (const [nodeId, name, value] of staged) if (movable(nodeId)) services.cursors.set(flow.doc.id, nodeId, name, value);
  for (const nodeId of flow.order) {
    if (!rereads(nodeId)) continue;
    const keys = [...(failed.get(nodeId) ?? [])];
    if (keys.length || services.cursors.get(flow.doc.id, nodeId, FAILED_CURSOR) !== undefined) services.cursors.set(flow.doc.id, nodeId, FAILED_CURSOR, JSON.stringify(keys));
  }
}

/** Every record that entered a node must have left it, been skipped, or failed. */
function checkInvariant(flow: PreparedFlow, counts: Record<string, NodeCounts>, made: Record<string, number>): string | undefined {
  for (const id of flow.order) {
    const c = counts[id] as NodeCounts;
    const entered = flow.nodes.get(id)?.def.kind === 'source' ? (made[id] ?? 0) : c.in;
    const left = totalOut(c) + c.skipped + c.failed;
    if (entered !== left) {
      return `Node "${id}" lost track of records: ${entered} came in but ${left} were sent on, skipped or failed. This is a bug in the node; no record was reported as done.`;
    }
  }
  return undefined;
}

/** In a dry run nothing is written; what the run "would write" is remembered for the run only. */
function dryRunLedger(real: IdLedger): IdLedger {
  const overlay = new Map<string, LedgerEntry>();
  const k = (s: string, e: string, id: string) => `${s}\u0000${e}\u0000${id}`;
  return {
    get: (s, e, id) => overlay.get(k(s, e, id)) ?? real.get(s, e, id),
    begin: () => {},
    commit: (s, e, id, targetId, hash) => void overlay.set(k(s, e, id), { targetId, hash, state: 'done', updatedAt: new Date().toISOString() }),
    forget: (s, e, id) => overlay.delete(k(s, e, id)),
    forgetTarget: () => 0,
  };
}
