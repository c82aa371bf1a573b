/** Making flows: blank, from a template, from an imported file — then opening them. */
import { toast } from 'sonner';
import type { FlowDocument } from '../../../core/api/flow-document';
import { call, errorText } from '../api/call';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';

function newFlowId(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'flow';
  const taken = new Set(useFlowListStore.getState().flows.map((f) => f.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function createBlankFlow(name = 'New flow'): Promise<void> {
  const doc: FlowDocument = { schemaVersion: 1, id: newFlowId(name), name, nodes: [], edges: [], settings: {} };
  try {
    await call('flows.save', { doc, note: 'created' });
    await useFlowListStore.getState().refresh();
    navigate({ name: 'editor', flowId: doc.id });
  } catch (e) {
    toast.error('The flow could not be created', { description: errorText(e) });
  }
}

/** Saves an imported document under an id that is free (never overwriting a flow by accident). */
export async function saveImportedFlow(doc: FlowDocument): Promise<string> {
  const taken = new Set(useFlowListStore.getState().flows.map((f) => f.id));
  const id = taken.has(doc.id) ? newFlowId(doc.name) : doc.id;
  await call('flows.save', { doc: { ...doc, id }, note: 'imported' });
  await useFlowListStore.getState().refresh();
  return id;
}

export function downloadFlow(doc: FlowDocument): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${doc.id}.flow.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function exportFlow(flowId: string): Promise<void> {
  try {
    const got = await call('flows.get', { id: flowId });
    if (!got) throw new Error('This flow no longer exists.');
    downloadFlow(got.doc);
  } catch (e) {
    toast.error('The flow could not be exported', { description: errorText(e) });
  }
}
