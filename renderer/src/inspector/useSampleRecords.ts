/**
 * Sample records for a node's datamapper: what reached it in the flow's last run; else what left
 * the step feeding it (its records from the last run, run through that step's preview); else the
 * records of an upstream "Sample records" step, carried through the steps in between.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowDocument } from '../../../core/api/flow-document';
import { call } from '../api/call';
import { upstreamChain } from '../lib/graph';
import { useCatalogStore } from '../state/useCatalogStore';

export type SampleOrigin = 'last run' | 'sample step' | 'pinned' | 'none';
const LIMIT = 10;
const MAX_DEPTH = 6;

async function inputSamples(doc: FlowDocument, nodeId: string, depth: number): Promise<{ records: unknown[]; origin: SampleOrigin }> {
  // Pinned test records on the source upstream come first: that is what the user chose to test on.
  const head = upstreamChain(doc, nodeId)[0];
  const pinnedUpstream = !!(head && doc.nodes.find((n) => n.id === head.node)?.pinned?.length);
  const fromRun = pinnedUpstream ? [] : await call('flows.sampleRecords', { id: doc.id, node: nodeId, limit: LIMIT }).catch(() => [] as unknown[]);
  if (fromRun.length) return { records: fromRun, origin: 'last run' };
  const edge = doc.edges.find((e) => e.to.node === nodeId);
  const up = edge ? doc.nodes.find((n) => n.id === edge.from.node) : undefined;
  if (!edge || !up || depth > MAX_DEPTH) return { records: [], origin: 'none' };
  const kind = useCatalogStore.getState().byType.get(up.type)?.kind;
  if (kind === 'source') {
    if (up.pinned?.length) return { records: up.pinned.slice(0, LIMIT).map((r) => r.data), origin: 'pinned' };
    if (up.type === 'core.source.sample' && Array.isArray(up.config.records)) return { records: (up.config.records as unknown[]).slice(0, LIMIT), origin: 'sample step' };
    // Another step fed by the same output saw exactly these records in the last run.
    for (const sibling of doc.edges.filter((e) => e.from.node === up.id && e.from.port === edge.from.port && e.to.node !== nodeId)) {
      const r = await call('flows.sampleRecords', { id: doc.id, node: sibling.to.node, limit: LIMIT }).catch(() => [] as unknown[]);
      if (r.length) return { records: r, origin: 'last run' };
    }
    return { records: [], origin: 'none' };
  }
  const inner = await inputSamples(doc, up.id, depth + 1);
  if (!inner.records.length) return inner;
  const out = await call('flows.previewNode', { doc, node: up.id, records: inner.records }).catch(() => []);
  return { records: out.filter((r) => r.status === 'ok' && (r.port ?? 'out') === edge.from.port && r.output !== undefined).map((r) => r.output), origin: inner.origin };
}

export function useSampleRecords(doc: FlowDocument | null, nodeId: string): { records: unknown[]; origin: SampleOrigin; loading: boolean; reload(): void } {
  const [state, setState] = useState<{ records: unknown[]; origin: SampleOrigin; loading: boolean }>({ records: [], origin: 'none', loading: true });
  const docRef = useRef(doc);
  docRef.current = doc;
  const [tick, setTick] = useState(0);
  // Upstream wiring decides where samples come from; config edits of this node do not.
  const upstreamKey = doc ? `${doc.edges.filter((e) => e.to.node === nodeId).map((e) => `${e.from.node}.${e.from.port}`).join(',')}|${pinKey(doc, nodeId)}` : '';

  useEffect(() => {
    const d = docRef.current;
    if (!d) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    inputSamples(d, nodeId, 0)
      .then((r) => live && setState({ ...r, loading: false }))
      .catch(() => live && setState({ records: [], origin: 'none', loading: false }));
    return () => {
      live = false;
    };
  }, [nodeId, upstreamKey, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Changes when the test records pinned on the source upstream change. */
function pinKey(doc: FlowDocument, nodeId: string): string {
  const head = upstreamChain(doc, nodeId)[0];
  const pinned = head ? doc.nodes.find((n) => n.id === head.node)?.pinned : undefined;
  return pinned ? `${pinned.length}:${pinned[0]?.key ?? ''}` : '';
}
