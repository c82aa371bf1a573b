/**
 * Runs one node of a flow as a task: reads its channel (counting what comes in), keeps records
 * from a target's own app away from it (a source skips them as echoes), runs the node (or its
 * switched-off stand-in), and routes what it makes. When it ends, for whatever reason, the
 * channels it feeds are told.
 */
import type { NodeCounts } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import type { NodeRunContext } from '../nodes/define-node';
import type { Channel } from './channel';
import { echoesSkippedAtSource, echoReason, targetAppsDownstream } from './echo-guard';
import { closeOutputs, type FlowWiring } from './flow-wiring';
import { skip, type Outcome, type Rec } from './record';
import type { RouteOutcomes } from './record-router';
import { nodeStoppedRun, type RetrySpec, type RunState } from './run-state';
import { onlyKeys } from './source-records';
import type { SourceOrder } from './source-order';
import { switchedOff } from './switched-off';

export interface NodeRunnerDeps {
  flow: PreparedFlow;
  state: RunState;
  wiring: FlowWiring;
  route: RouteOutcomes;
  contextFor: (nodeId: string) => NodeRunContext<unknown>;
  retry: RetrySpec | undefined;
  signal: AbortSignal;
  /** Stops the whole run (a node failed as a whole). */
  stopRun: (reason: Error) => void;
  /** Nodes that get their batches in their sender's turn (inline-nodes.ts): their task only waits for the senders to end. */
  inline: Set<string>;
  prepareInline: (nodeId: string) => Promise<void>;
  /** When a source of the flow reads after others (source-order.ts). */
  order: SourceOrder | undefined;
  /** Tells the user why a step starts late. */
  log: (nodeId: string, message: string) => void;
}

export function nodeRunner(deps: NodeRunnerDeps): (nodeId: string) => Promise<void> {
  const { flow, state, wiring, route, retry, signal } = deps;

  async function* counted(nodeId: string, channel: Channel<Rec[]>): AsyncIterable<Rec[]> {
    const c = state.counts[nodeId] as NodeCounts;
    for await (const batch of channel) {
      c.in += batch.length;
      yield batch;
    }
  }

  /** A target never gets a record that came from its own app. Its source skips it (echo-guard.ts); this is the second line. */
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

  /** An inline node's channel carries nothing; it closes when every sender has ended, and so does the node. */
  async function untilSendersEnd(nodeId: string, channel: Channel<Rec[]> | undefined): Promise<void> {
    try {
      await deps.prepareInline(nodeId);
      if (channel) for await (const batch of channel) (state.counts[nodeId] as NodeCounts).in += batch.length;
    } catch {
      // Aborted: the run is stopping, and whoever stopped it said why.
    } finally {
      closeOutputs(wiring, nodeId);
    }
  }

  /** A source that reads after others waits for them; whatever way a source ends, it says so. */
  async function runInTurn(nodeId: string): Promise<void> {
    const { order } = deps;
    const before = order?.after(nodeId) ?? [];
    try {
      if (before.length) {
        deps.log(nodeId, `starts when the records of ${before.map((id) => `“${labelOf(id)}”`).join(' and ')} are through, so what they write in this run is found`);
        await order?.wait(nodeId, signal);
        if (signal.aborted) return closeOutputs(wiring, nodeId);
      }
      await runNode(nodeId);
    } finally {
      order?.sourceDone(nodeId);
    }
  }

  const labelOf = (id: string) => {
    const p = flow.nodes.get(id);
    return p?.node.label || p?.def.title || id;
  };

  async function runNode(nodeId: string): Promise<void> {
    const prepared = flow.nodes.get(nodeId);
    if (!prepared) return;
    const isSource = prepared.def.kind === 'source';
    const channel = wiring.channels.get(nodeId);
    if (deps.inline.has(nodeId)) return untilSendersEnd(nodeId, channel);
    const read: AsyncIterable<Rec[]> = channel ? counted(nodeId, channel) : emptyInput();
    const input = prepared.def.kind === 'target' ? withoutEchoes(nodeId, prepared.def.app, read) : read;
    // In a retry, a source none of whose records failed reads nothing.
    const retryKeys = isSource && retry ? new Set(retry.keys.get(nodeId) ?? []) : undefined;
    if ((!prepared.enabled && isSource) || retryKeys?.size === 0) {
      closeOutputs(wiring, nodeId);
      return;
    }
    // Issue 11: a step switched off does not run; what happens to its records is switched-off.ts.
    let output = prepared.enabled ? prepared.def.run(deps.contextFor(nodeId), input) : switchedOff(prepared, input);
    // A source that reads failed records by key reads only those in a retry; any other is read
    // as it is, and only the records with those keys go on.
    if (retryKeys && !prepared.def.rereadsFailed) {
      const notRetried = () => {
        state.made[nodeId] = (state.made[nodeId] ?? 0) - 1;
        state.totals.read--;
      };
      output = onlyKeys(output, retryKeys, notRetried);
    }
    // An echo ends where it is read, before a transform can fail on what Sincro added to it.
    const echoApps = isSource ? targetAppsDownstream(flow, wiring, nodeId) : undefined;
    if (echoApps?.size) output = echoesSkippedAtSource(output, prepared.def.app, echoApps);
    try {
      for await (const outcomes of output) {
        await route(nodeId, isSource, outcomes);
        if (signal.aborted) break;
      }
      // A node that stopped reading early must not block its upstream forever; what it left
      // unread is counted as input, so the invariant check reports the loss.
      if (channel && !signal.aborted) {
        for await (const batch of channel) {
          (state.counts[nodeId] as NodeCounts).in += batch.length;
          for (const rec of batch) deps.order?.ended(rec.source);
        }
      }
    } catch (e) {
      if (!signal.aborted) deps.stopRun(nodeStoppedRun(state, flow, nodeId, e));
    } finally {
      closeOutputs(wiring, nodeId);
    }
  }

  return (nodeId) => (flow.nodes.get(nodeId)?.def.kind === 'source' ? runInTurn(nodeId) : runNode(nodeId));
}

async function* emptyInput(): AsyncIterable<Rec[]> {}
