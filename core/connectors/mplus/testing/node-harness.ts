/**
 * Test helper for the MplusKASSA nodes: a sandbox on 127.0.0.1 with the demo shop, a store that
 * holds an "mplus" connection to it, a registry with the built-in and MplusKASSA node types, and
 * a runner for small straight flows (each node fed by the one before it).
 */
import type { FlowDocument } from '../../../api/flow-document';
import { builtinNodeTypes } from '../../../nodes/builtin';
import { NodeRegistry } from '../../../nodes/registry';
import { flow, runTestFlow, testStore, type TestRun } from '../../../testing/golden';
import type { Store } from '../../../store/store';
import { MplusClient } from '../client';
import { mplusNodeTypes } from '../nodes';
import { startMplusSandbox, type MplusSandbox, type MplusSandboxOptions, type SandboxExchange } from '../sandbox/server';

export const CONNECTION = 'mplus';

export interface FlowStep {
  id: string;
  type: string;
  config?: Record<string, unknown>;
  /** The port of the step before that feeds this one; default "out". */
  after?: string;
}

export interface NodeHarness {
  sandbox: MplusSandbox;
  /** Every SOAP exchange since the last `exchanges.length = 0`. */
  exchanges: SandboxExchange[];
  store: Store & { dispose(): void };
  client: MplusClient;
  registry: NodeRegistry;
  /** Runs the steps as one straight flow with this harness's store (or the given one). */
  run(steps: FlowStep[], options?: { dryRun?: boolean; batchSize?: number; store?: Store; settings?: Record<string, unknown> }): Promise<TestRun>;
  /** A fresh store holding the same connection (an empty id ledger and no cursors). */
  freshStore(): Store & { dispose(): void };
  close(): Promise<void>;
}

export function straightFlow(steps: FlowStep[], settings: Record<string, unknown> = {}): FlowDocument {
  return flow({
    nodes: steps.map(({ id, type, config }) => ({ id, type, config })),
    edges: steps.slice(1).map((s, i) => ({ from: { node: steps[i]?.id ?? '', port: s.after ?? 'out' }, to: { node: s.id, port: 'in' } })),
    settings,
  });
}

/** Sample records as the first step of a flow. */
export const sample = (records: Array<Record<string, unknown>>, keyField = 'id'): FlowStep => ({ id: 'src', type: 'core.source.sample', config: { keyField, records } });

export async function startNodeHarness(options: MplusSandboxOptions = {}): Promise<NodeHarness> {
  const exchanges: SandboxExchange[] = [];
  const sandbox = await startMplusSandbox({ ...options, onExchange: (e) => exchanges.push(e) });
  const withConnection = () => {
    const s = testStore();
    s.connections.add({ id: CONNECTION, kind: 'mplus', name: 'MplusKASSA (test)', config: { host: '127.0.0.1', port: sandbox.port, https: false }, secrets: { ident: sandbox.ident, secret: sandbox.secret } });
    return s;
  };
  const store = withConnection();
  const registry = new NodeRegistry([...builtinNodeTypes, ...mplusNodeTypes]);
  return {
    sandbox,
    exchanges,
    store,
    client: new MplusClient({ baseUrl: sandbox.url, ident: sandbox.ident, secret: sandbox.secret }),
    registry,
    run: (steps, o = {}) => runTestFlow(straightFlow(steps, o.settings), { store: o.store ?? store, registry, dryRun: o.dryRun, batchSize: o.batchSize }),
    freshStore: withConnection,
    close: async () => {
      store.dispose();
      await sandbox.close();
    },
  };
}

/** The operations of the recorded exchanges, e.g. to count calls. */
export const operations = (exchanges: readonly SandboxExchange[]) => exchanges.map((e) => e.operation);
