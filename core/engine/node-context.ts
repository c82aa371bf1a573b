/** What a node sees of its run (NodeRunContext): its config, the ledger, cursors, connections, how to make records. */
import type { RunEvent } from '../api/run-model';
import { settingInWords } from '../flow/flow-settings';
import type { PreparedFlow } from '../flow/validate-flow';
import type { NodeRunContext } from '../nodes/define-node';
import { FAILED_CURSOR } from './run-end';
import type { RetrySpec } from './run-state';
import type { RunState } from './run-state';
import type { SecretMask } from './secret-mask';
import { labelText } from './source-records';
import type { Rec, RecordOrigin } from './record';
import type { IdLedger, RunServices } from './services';

export interface NodeContextDeps {
  flow: PreparedFlow;
  state: RunState;
  services: RunServices;
  /** The run's ledger: the store's, or a dry run's overlay of it (dry-run-ledger.ts). */
  ledger: IdLedger;
  dryRun: boolean;
  signal: AbortSignal;
  batchSize: number;
  baseDir: string;
  retry: RetrySpec | undefined;
  /** Every connection a node opens adds its secrets here, so the run never tells them. */
  secrets: SecretMask;
  emitEvent: (event: RunEvent) => void;
}

/** Makes the context of each node of one run; they share one memo (e.g. an API client per connection). */
export function nodeContexts(deps: NodeContextDeps): (nodeId: string) => NodeRunContext<unknown> {
  const { flow, state, services, secrets, emitEvent } = deps;
  const doc = flow.doc;
  const { runId } = state;
  const { mask } = secrets;
  const memo = new Map<string, unknown>();
  return (nodeId) => {
    const prepared = flow.nodes.get(nodeId);
    if (!prepared) throw new Error(`node ${nodeId} is not prepared`);
    const written = prepared.def.writtenAs?.(prepared.config);
    /** The document a target wrote this record from, or one it was made from, by the ledger. */
    const copiedFrom = (w: NonNullable<typeof written>, data: unknown, key: string): RecordOrigin | undefined => {
      const own = deps.ledger.originOf(w.scope, w.entity, key);
      if (own) return own;
      for (const m of w.madeFrom?.(data) ?? []) {
        const from = deps.ledger.originOf(w.scope, m.entity, m.id);
        if (from) return from;
      }
      return undefined;
    };
    return {
      nodeId,
      config: prepared.config,
      runId,
      flow: { id: doc.id, name: doc.name, settings: doc.settings },
      dryRun: deps.dryRun,
      signal: deps.signal,
      batchSize: deps.batchSize,
      baseDir: deps.baseDir,
      ledger: deps.ledger,
      cursor: {
        get: (name) => services.cursors.get(doc.id, nodeId, name),
        set: (name, value) => void state.stagedCursors.push([nodeId, name, value]),
      },
      retrying: deps.retry !== undefined,
      failedLastTime: () => (deps.retry ? [...(deps.retry.keys.get(nodeId) ?? [])] : (JSON.parse(services.cursors.get(doc.id, nodeId, FAILED_CURSOR) ?? '[]') as string[])),
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
      newRecord: (key, data, text) => {
        state.made[nodeId] = (state.made[nodeId] ?? 0) + 1;
        state.totals.read++;
        let origin = prepared.def.originOf?.(data, key);
        // Made here, by its marker: unless a target wrote it from another app's document (its marker edited away).
        if (written && (!origin || origin.app === prepared.def.app)) origin = copiedFrom(written, data, key) ?? origin;
        const label = labelText(prepared.def.labelOf?.(data, key, prepared.config));
        const rec: Rec = { seq: state.seq++, key, source: nodeId, data, port: '', trail: [] };
        if (origin) rec.origin = origin;
        if (label) rec.label = label;
        if (text !== undefined) rec.sourceText = { of: data, json: text };
        return rec;
      },
      log: (level, message) => emitEvent({ type: 'log', runId, node: nodeId, level, message: mask(message) }),
      settingOf: (field) => {
        const key = prepared.settings[field];
        return key === undefined ? undefined : `the setting ${settingInWords(doc.settingsSchema, key)}`;
      },
    };
  };
}
