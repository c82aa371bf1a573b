/**
 * Runs one node of a flow on sample records, as a dry run, keeping nothing: what the datamapper's
 * live preview shows. Errors come back per record, with the field they concern where known.
 */
import type { PreviewResult } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import { runFlow } from '../engine/run-flow';
import type { LineageStep } from '../engine/record';
import type { RunRecordRow } from '../engine/services';
import { validateFlow } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { Store } from '../store/store';
import { ApiError } from './api-error';

const SOURCE = '__preview_source';

export async function previewNode(doc: FlowDocument, nodeId: string, records: unknown[], registry: NodeRegistry, store: Store): Promise<PreviewResult[]> {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) throw new ApiError(`The flow has no node "${nodeId}".`, 'not-found');
  const def = registry.get(node.type);
  const input = def?.inputs[0]?.name;
  if (!def || !input) throw new ApiError(`Node "${nodeId}" cannot be previewed: it takes no input.`, 'bad-input');
  const mini: FlowDocument = {
    schemaVersion: 1,
    id: doc.id,
    name: doc.name,
    settings: doc.settings,
    nodes: [{ id: SOURCE, type: 'core.source.sample', typeVersion: 1, position: { x: 0, y: 0 }, config: { records: records.map((r) => (r && typeof r === 'object' ? r : { value: r })) } }, node],
    edges: [{ from: { node: SOURCE, port: 'out' }, to: { node: nodeId, port: input } }],
  };
  const v = validateFlow(mini, registry);
  if (!v.ok) throw new ApiError(`Node "${nodeId}" cannot be previewed yet: ${v.problems.map((p) => p.message).join(' ')}`, 'bad-input', v.problems);
  const rows: RunRecordRow[] = [];
  const services = store.runServices();
  await runFlow({
    flow: v.flow,
    dryRun: true,
    services: { ...services, recorder: { start() {}, finish() {}, record: (_runId, row) => void rows.push(row) } },
    batchSize: 100,
  });
  return rows
    .sort((a, b) => a.seq - b.seq)
    .map((row) => {
      const last = (row.lineage as LineageStep[]).at(-1);
      return {
        key: row.key,
        status: row.status,
        ...(row.port ? { port: row.port } : {}),
        ...(row.status === 'ok' && last?.node === nodeId ? { output: last.data ?? (row.lineage as LineageStep[])[0]?.data } : {}),
        ...(row.message ? { message: row.message } : {}),
        ...(last?.field ? { field: last.field } : {}),
      };
    });
}
