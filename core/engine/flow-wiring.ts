/**
 * A flow's edges as the runner uses them: where each node's outputs go, which nodes feed each
 * node, and one bounded channel in front of every node that has an input.
 */
import type { PreparedFlow } from '../flow/validate-flow';
import { Channel } from './channel';
import type { Rec } from './record';

/** Batches a channel holds before its producers wait (what keeps memory flat). */
const CHANNEL_CAPACITY = 2;

export interface Route {
  node: string;
  port: string;
}

export interface FlowWiring {
  /** node → output port → where its records go. */
  readonly routes: Map<string, Map<string, Route[]>>;
  /** node → the nodes its outputs feed. */
  readonly downstream: Map<string, Set<string>>;
  /** node → the channel of its input (sources have none). */
  readonly channels: Map<string, Channel<Rec[]>>;
}

export function wireFlow(flow: PreparedFlow): FlowWiring {
  const routes = new Map<string, Map<string, Route[]>>();
  const upstreams = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  for (const e of flow.doc.edges) {
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
  return { routes, downstream, channels };
}

/** Tells the channels a node feeds that it has finished. */
export function closeOutputs(wiring: FlowWiring, nodeId: string): void {
  for (const down of wiring.downstream.get(nodeId) ?? []) wiring.channels.get(down)?.done();
}
