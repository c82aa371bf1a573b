/**
 * What the editor's commands do to the document: add a node (from the palette), delete, copy,
 * paste, select all, tidy up. Shared by shortcuts, menus, the palette and the canvas.
 */
import { toast } from 'sonner';
import type { FlowNode } from '../../../core/api/flow-document';
import { defaultsFor, asSchema } from '../lib/schema';
import { addEdge, addNode, copyNodes, moveNodes, newNodeId, pasteClip, removeEdges, removeNodes } from '../lib/flowOps';
import { layoutPositions } from '../lib/layout';
import { checkConnection, handleId } from '../lib/graph';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';

export const PALETTE_MIME = 'application/x-sincro-node-type';

/** The canvas registers how to fit the view, so commands can do it after a layout. */
let fitView: (() => void) | null = null;
export function registerFitView(fn: (() => void) | null): void {
  fitView = fn;
}

export function addNodeOfType(type: string, position: { x: number; y: number }, opts: { connectFromSelection: boolean }): string | null {
  const desc = useCatalogStore.getState().byType.get(type);
  const flow = useFlowStore.getState();
  if (!desc || !flow.doc) return null;
  const id = newNodeId(flow.doc, desc.title);
  const node: FlowNode = { id, type, typeVersion: desc.version, position, config: defaultsFor(asSchema(desc.configSchema)) };
  const from = opts.connectFromSelection ? [...useEditorStore.getState().selectedNodes] : [];
  flow.apply((d) => {
    let next = addNode(d, node);
    // Added with the keyboard after a selected step: wire it in right away.
    const src = from.length === 1 ? next.nodes.find((n) => n.id === from[0]) : undefined;
    const srcType = src ? useCatalogStore.getState().byType.get(src.type) : undefined;
    const out = srcType?.outputs[0];
    const inp = desc.inputs[0];
    if (src && out && inp) {
      const r = checkConnection(next, useCatalogStore.getState().byType, { source: src.id, sourceHandle: handleId('out', out.name), target: id, targetHandle: handleId('in', inp.name) });
      if (r.ok) next = addEdge(next, r.edge);
    }
    return next;
  });
  useEditorStore.getState().select([id]);
  return id;
}

export function deleteSelection(): void {
  const { selectedNodes, selectedEdges } = useEditorStore.getState();
  if (!selectedNodes.size && !selectedEdges.size) return;
  useFlowStore.getState().apply((d) => removeEdges(removeNodes(d, selectedNodes), selectedEdges));
  useEditorStore.getState().clearSelection();
}

export function copySelection(): void {
  const { doc } = useFlowStore.getState();
  const { selectedNodes } = useEditorStore.getState();
  if (!doc || !selectedNodes.size) return;
  useEditorStore.getState().setClipboard(copyNodes(doc, selectedNodes));
  toast.success(selectedNodes.size === 1 ? 'Copied 1 step' : `Copied ${selectedNodes.size} steps`, { duration: 1500 });
}

export function cutSelection(): void {
  copySelection();
  deleteSelection();
}

export function paste(): void {
  const clip = useEditorStore.getState().clipboard;
  if (!clip?.nodes.length) return;
  let ids: string[] = [];
  useFlowStore.getState().apply((d) => {
    const r = pasteClip(d, clip, { x: 40, y: 40 });
    ids = r.ids;
    return r.doc;
  });
  useEditorStore.getState().setClipboard({ ...clip, nodes: clip.nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })) });
  useEditorStore.getState().select(ids);
}

export function duplicateSelection(): void {
  const { doc } = useFlowStore.getState();
  const { selectedNodes } = useEditorStore.getState();
  if (!doc || !selectedNodes.size) return;
  const r = pasteClip(doc, copyNodes(doc, selectedNodes), { x: 40, y: 40 });
  useFlowStore.getState().apply(() => r.doc);
  useEditorStore.getState().select(r.ids);
}

export function selectAll(): void {
  const { doc } = useFlowStore.getState();
  if (doc) useEditorStore.getState().select(doc.nodes.map((n) => n.id));
}

export function autoLayout(): void {
  const { doc } = useFlowStore.getState();
  if (!doc?.nodes.length) return;
  const sizes = new Map<string, { width: number; height: number }>();
  for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')) {
    const id = el.dataset.id;
    if (id) sizes.set(id, { width: el.offsetWidth, height: el.offsetHeight });
  }
  const canvas = document.querySelector<HTMLElement>('.canvas');
  const viewport = canvas ? { width: canvas.clientWidth, height: canvas.clientHeight } : undefined;
  const positions = layoutPositions(doc, { sizes, types: useCatalogStore.getState().byType, viewport });
  useFlowStore.getState().apply((d) => moveNodes(d, positions));
  requestAnimationFrame(() => fitView?.());
}
