/**
 * Nodes handled in their producer's turn. A transform or look-up whose records need no waiting
 * (per-record.ts `perRecordPure`: mappings, filters, value maps, table look-ups) gets each batch
 * straight from the node that sent it, instead of through a channel and a task of its own. Its
 * outcomes are routed at once, so a record crosses a chain of such nodes in one go, and only a
 * node that waits (a source, a target, an API look-up) keeps records queued in front of it.
 *
 * Why: a queue in front of every node held up to two batches per step, a thousand records and more
 * at a time in a long chain (W1-mapping's peak memory fell from 440 to 315 MB without them), and
 * each hop cost a few promises per batch. What a node counts, what its records' lineage shows and
 * what stops the run are the same either way.
 */
import type { NodeCounts } from '../api/run-model';
import type { PreparedFlow } from '../flow/validate-flow';
import type { NodeRunContext } from '../nodes/define-node';
import type { InlineBatches, InlineRun } from '../nodes/per-record';
import type { Outcome, Rec } from './record';
import type { RouteOutcomes } from './record-router';
import { nodeStoppedRun, type RunState } from './run-state';

/** The nodes of the flow that run inline: switched on, neither source nor target, and able to. */
export function inlineNodes(flow: PreparedFlow): Set<string> {
  const ids = new Set<string>();
  for (const [id, prepared] of flow.nodes) {
    const { kind, run } = prepared.def;
    if (prepared.enabled && kind !== 'source' && kind !== 'target' && typeof (run as Partial<InlineRun<unknown>>).inline === 'function') ids.add(id);
  }
  return ids;
}

export interface InlineDeliveryDeps {
  flow: PreparedFlow;
  state: RunState;
  contextFor: (nodeId: string) => NodeRunContext<unknown>;
  /** Routes the node's outcomes (late-bound: the router delivers to inline nodes through this). */
  route: RouteOutcomes;
  signal: AbortSignal;
  stopRun: (reason: Error) => void;
}

export interface InlineDelivery {
  /** Sets the node up as its task starts, as a task of its own would (a look-up loads its table before any record comes); a failure stops the run. */
  prepare(nodeId: string): Promise<void>;
  /** Hands the node a batch and routes what it makes. */
  deliver(nodeId: string, batch: Rec[]): Promise<void>;
}

/** Inline nodes' batches; a node that fails as a whole stops the run, named, as a task of its own would. */
export function inlineDelivery(deps: InlineDeliveryDeps): InlineDelivery {
  const { flow, state, signal } = deps;
  const handlers = new Map<string, Promise<InlineBatches>>();
  const handlerOf = (nodeId: string): Promise<InlineBatches> => {
    let h = handlers.get(nodeId);
    if (!h) {
      const run = flow.nodes.get(nodeId)?.def.run as InlineRun<unknown>;
      h = Promise.resolve().then(() => run.inline(deps.contextFor(nodeId)));
      handlers.set(nodeId, h);
    }
    return h;
  };
  const stopped = (nodeId: string, e: unknown): void => {
    if (!signal.aborted) deps.stopRun(nodeStoppedRun(state, flow, nodeId, e));
  };
  return {
    prepare: (nodeId) => handlerOf(nodeId).then(
      () => undefined,
      (e: unknown) => stopped(nodeId, e),
    ),
    deliver: async (nodeId, batch) => {
      (state.counts[nodeId] as NodeCounts).in += batch.length;
      let outcomes: Outcome[];
      try {
        const handle = await handlerOf(nodeId);
        outcomes = await handle(batch);
      } catch (e) {
        stopped(nodeId, e);
        return;
      }
      if (!signal.aborted) await deps.route(nodeId, false, outcomes);
    },
  };
}
