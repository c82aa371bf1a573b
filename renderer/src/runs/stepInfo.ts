/** Titles, kinds and port labels of a flow's steps, for lineage and plans. */
import type { FlowDocument } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { flowOrder } from '../lib/graph';
import type { PlanNode } from '../lib/plan';
import { settingRef } from '../lib/schema';
import type { StepInfo } from './LineageView';

export function stepInfos(doc: FlowDocument | null, byType: ReadonlyMap<string, NodeTypeDescriptor>): Map<string, StepInfo> {
  const out = new Map<string, StepInfo>();
  for (const n of doc?.nodes ?? []) {
    const d = byType.get(n.type);
    out.set(n.id, { title: n.label || d?.title || n.id, kind: d?.kind ?? 'transform', app: d?.app ?? 'core', portLabels: Object.fromEntries((d?.outputs ?? []).map((p) => [p.name, p.label ?? p.name])) });
  }
  return out;
}

export function planNodes(doc: FlowDocument | null, steps: ReadonlyMap<string, StepInfo>, extraIds: Iterable<string> = []): PlanNode[] {
  const order = doc ? flowOrder(doc) : [];
  for (const id of extraIds) if (!order.includes(id)) order.push(id);
  const isOff = (id: string) => {
    const n = doc?.nodes.find((x) => x.id === id);
    const ref = settingRef(n?.enabled);
    return n?.enabled === false || (ref !== null && doc?.settings[ref] === false);
  };
  return order.map((id) => {
    const s = steps.get(id);
    return { id, title: s?.title ?? id, kind: s?.kind ?? 'transform', portLabels: s?.portLabels ?? {}, off: isOff(id), pinned: !!doc?.nodes.find((x) => x.id === id)?.pinned?.length };
  });
}
