/**
 * What the editor's commands do to the document: add a node (from the palette), delete, copy,
 * paste, select all, tidy up. Shared by shortcuts, menus, the palette and the canvas.
 */
import { toast } from 'sonner';
import type { FlowDocument, FlowNode } from '../../../core/api/flow-document';
import { defaultsFor, asSchema } from '../lib/schema';
import { addEdge, addNode, copyNodes, moveNodes, newNodeId, pasteClip, removeEdges, removeNodes } from '../lib/flowOps';
import { estimatedSize, layoutPositions, MIN_ROOM, NODE_HEIGHT, NODE_WIDTH } from '../lib/layout';
import { checkConnection, edgeKey, freeSpot, handleId, spliceIntoEdge } from '../lib/graph';
import { addNote, isNoteId, newNoteId, NOTE_SIZE, noteCanvasId, removeNotes } from '../lib/notes';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';

export const PALETTE_MIME = 'application/x-sincro-node-type';

/** The canvas registers how to fit the view, so commands can do it after a layout, and how to bring steps into view. */
let fitView: (() => void) | null = null;
let revealSteps: ((ids: string[]) => boolean) | null = null;
export function registerFitView(fit: (() => void) | null, reveal: ((ids: string[]) => boolean) | null = null): void {
  fitView = fit;
  revealSteps = reveal;
}

/** Brings steps into view once the canvas has drawn them (a few frames on a slow machine). */
function revealWhenDrawn(ids: string[], frames = 30): void {
  requestAnimationFrame(() => {
    if (revealSteps && !revealSteps(ids) && frames > 1) revealWhenDrawn(ids, frames - 1);
  });
}

/**
 * Adds a step of a type at a position. `splitEdge`: dropped on that connection, it is put in
 * between (old source → new step → old target), as in Node-RED. `connectFromSelection` (the
 * palette's Enter or click with one step selected): it goes after that step — in between when that
 * step already feeds one — at the nearest spot where it covers nothing.
 */
export function addNodeOfType(type: string, position: { x: number; y: number }, opts: { connectFromSelection: boolean; splitEdge?: string }): string | null {
  const types = useCatalogStore.getState().byType;
  const desc = types.get(type);
  const flow = useFlowStore.getState();
  if (!desc || !flow.doc) return null;
  const id = newNodeId(flow.doc, desc.title);
  const from = opts.connectFromSelection ? [...useEditorStore.getState().selectedNodes].filter((x) => !isNoteId(x)) : [];
  const anchor = from.length === 1 ? flow.doc.nodes.find((n) => n.id === from[0]) : undefined;
  const boxes = cardBoxes(flow.doc);
  const size = { width: NODE_WIDTH, height: Math.max(MIN_ROOM, estimatedSize({ inputs: desc.inputs.length, outputs: desc.outputs.length }, desc.title).height) };
  // Never on top of another card: after the anchor, or as near the drop point as there is room.
  const at = freeSpot(boxes, anchor ? { x: anchor.position.x + (boxes.find((b) => b.id === anchor.id)?.width ?? NODE_WIDTH) + 64, y: anchor.position.y } : position, size);
  const node: FlowNode = { id, type, typeVersion: desc.version, position: at, config: defaultsFor(asSchema(desc.configSchema)) };
  let split = false;
  flow.apply((d) => {
    const next = addNode(d, node);
    if (opts.splitEdge) {
      const spliced = spliceIntoEdge(next, types, opts.splitEdge, id);
      split = !!spliced;
      return spliced ?? next;
    }
    const out = anchor ? types.get(anchor.type)?.outputs[0] : undefined;
    if (!anchor || !out || !desc.inputs[0]) return next;
    // After a step that already feeds another: in between.
    const onward = next.edges.find((e) => e.from.node === anchor.id && e.from.port === out.name);
    const spliced = onward ? spliceIntoEdge(next, types, edgeKey(onward), id) : null;
    if (spliced) return spliced;
    const r = checkConnection(next, types, { source: anchor.id, sourceHandle: handleId('out', out.name), target: id, targetHandle: handleId('in', desc.inputs[0].name) });
    return r.ok ? addEdge(next, r.edge) : next;
  });
  if (opts.splitEdge && !split) toast.info(`“${desc.title}” cannot go on a connection`, { description: desc.outputs.length ? 'It was placed beside it.' : 'It has no output to pass records on; it was placed beside it.' });
  useEditorStore.getState().select([id]);
  // A step placed below or beside the view (no room at the drop) is panned into it.
  revealWhenDrawn([id]);
  return id;
}

/**
 * The cards on the canvas as boxes in flow coordinates (measured where drawn, else estimated), each
 * at least MIN_ROOM tall: the room its simplified form takes when zoomed out.
 */
export function cardBoxes(doc: FlowDocument): Array<{ id: string; x: number; y: number; width: number; height: number }> {
  const measured = new Map<string, { width: number; height: number }>();
  for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')) if (el.dataset.id) measured.set(el.dataset.id, { width: el.offsetWidth, height: el.offsetHeight });
  const types = useCatalogStore.getState().byType;
  return doc.nodes.map((n) => {
    const d = types.get(n.type);
    const s = measured.get(n.id) ?? (d ? estimatedSize({ inputs: d.inputs.length, outputs: d.outputs.length }, n.label || d.title) : { width: NODE_WIDTH, height: NODE_HEIGHT });
    return { id: n.id, x: n.position.x, y: n.position.y, width: s.width, height: Math.max(s.height, MIN_ROOM) };
  });
}

/** The connection under a point of the screen (with a few pixels' slack), if any. */
export function edgeAt(clientX: number, clientY: number, exclude?: (key: string) => boolean): string | null {
  for (const [dx, dy] of [[0, 0], [0, -6], [0, 6], [-6, 0], [6, 0], [0, -12], [0, 12]] as const) {
    for (const el of document.elementsFromPoint(clientX + dx, clientY + dy)) {
      const key = el.closest('.react-flow__edge')?.getAttribute('data-id');
      if (key && !exclude?.(key)) return key;
    }
  }
  return null;
}

/** A step dragged onto a connection, when it has none of its own yet: put in between. */
export function spliceDraggedNode(nodeId: string, edge: string): boolean {
  const types = useCatalogStore.getState().byType;
  let done = false;
  useFlowStore.getState().apply((d) => {
    const r = spliceIntoEdge(d, types, edge, nodeId);
    done = !!r;
    return r ?? d;
  });
  return done;
}

export function deleteSelection(): void {
  const { selectedNodes, selectedEdges } = useEditorStore.getState();
  if (!selectedNodes.size && !selectedEdges.size) return;
  useFlowStore.getState().apply((d) => removeNotes(removeEdges(removeNodes(d, selectedNodes), selectedEdges), selectedNodes));
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

/** A sticky note near the selected step, or in the middle of the view; its text gets the focus. */
export function addStickyNote(): void {
  const { doc } = useFlowStore.getState();
  if (!doc) return;
  const sel = [...useEditorStore.getState().selectedNodes].filter((x) => !isNoteId(x));
  const anchor = sel.length === 1 ? doc.nodes.find((n) => n.id === sel[0]) : undefined;
  const canvas = document.querySelector('.canvas .react-flow__viewport');
  const m = canvas ? /translate\(([-0-9.]+)px, ([-0-9.]+)px\) scale\(([0-9.]+)\)/.exec((canvas as HTMLElement).style.transform) : null;
  const box = document.querySelector('.canvas')?.getBoundingClientRect();
  const centre = m && box ? { x: (box.width / 2 - Number(m[1])) / Number(m[3]), y: (box.height / 2 - Number(m[2])) / Number(m[3]) } : { x: 0, y: 0 };
  const want = anchor ? { x: anchor.position.x, y: anchor.position.y - NOTE_SIZE.height - 24 } : { x: Math.round(centre.x - NOTE_SIZE.width / 2), y: Math.round(centre.y - NOTE_SIZE.height / 2) };
  const id = newNoteId(doc);
  const notes = (doc.notes ?? []).map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width ?? NOTE_SIZE.width, height: n.height ?? NOTE_SIZE.height }));
  const position = freeSpot([...cardBoxes(doc), ...notes], want, NOTE_SIZE);
  useFlowStore.getState().apply((d) => addNote(d, { id, text: '', position }));
  useEditorStore.getState().select([noteCanvasId(id)]);
  useEditorStore.getState().setFocusNote(id);
}

/** Switches the selected steps off, or on again when they all are off (issue 11: any step, not only sources). */
export function toggleSelectionOff(): void {
  const { doc } = useFlowStore.getState();
  const ids = [...useEditorStore.getState().selectedNodes].filter((x) => !isNoteId(x));
  if (!doc || !ids.length) return;
  const chosen = doc.nodes.filter((n) => ids.includes(n.id));
  // A switch set by a flow setting ("{{settings.x}}") is the setting's to change, not the card's.
  const own = chosen.filter((n) => typeof n.enabled !== 'string');
  if (!own.length) {
    toast.info('A flow setting switches this step on and off', { description: 'Change it in the flow’s settings (select nothing to see them).' });
    return;
  }
  const allOff = own.every((n) => n.enabled === false);
  useFlowStore.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (own.includes(n) ? withEnabled(n, allOff) : n)) }));
}

/** A node switched on (the default, so `enabled` is left out) or off. */
export function withEnabled(n: FlowNode, on: boolean): FlowNode {
  const { enabled: _old, ...rest } = n;
  return on ? rest : { ...rest, enabled: false };
}
