/**
 * Dropping on the canvas: a step from the palette lands where it is dropped — on a connection, it is
 * put in between (old source → new step → old target), as in Node-RED; so is a step without
 * connections dragged onto one. The connection under the pointer is highlighted while dragging.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { isNoteId } from '../lib/notes';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import type { CanvasNode, CountEdgeType } from './canvasTypes';
import { addNodeOfType, edgeAt, PALETTE_MIME, spliceDraggedNode } from './editorActions';

const unconnected = (id: string) => !isNoteId(id) && !useFlowStore.getState().doc?.edges.some((e) => e.from.node === id || e.to.node === id);

function pointOf(e: MouseEvent | TouchEvent): { x: number; y: number } | null {
  if ('clientX' in e) return { x: e.clientX, y: e.clientY };
  const t = e.changedTouches[0];
  return t ? { x: t.clientX, y: t.clientY } : null;
}

export function useCanvasDrops(rf: ReactFlowInstance<CanvasNode, CountEdgeType>) {
  const setDropEdge = (key: string | null) => useEditorStore.getState().setDropEdge(key);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropEdge(edgeAt(e.clientX, e.clientY));
  }, []);

  const onDragLeave = useCallback(() => setDropEdge(null), []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      setDropEdge(null);
      if (!type) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const edge = edgeAt(e.clientX, e.clientY);
      addNodeOfType(type, { x: Math.round(p.x - 116), y: Math.round(p.y - 30) }, { connectFromSelection: false, ...(edge ? { splitEdge: edge } : {}) });
    },
    [rf],
  );

  const onNodeDrag = useCallback((e: MouseEvent | TouchEvent, node: CanvasNode) => {
    if (!unconnected(node.id)) return;
    const p = pointOf(e);
    setDropEdge(p ? edgeAt(p.x, p.y) : null);
  }, []);

  /** Called before the drag's undo step is recorded, so the splice is part of it. */
  const spliceOnDragStop = useCallback((e: MouseEvent | TouchEvent, node: CanvasNode) => {
    const edge = useEditorStore.getState().dropEdge;
    setDropEdge(null);
    const p = pointOf(e);
    if (!edge || !p || !unconnected(node.id)) return;
    if (edgeAt(p.x, p.y) === edge) spliceDraggedNode(node.id, edge);
  }, []);

  return { onDragOver, onDragLeave, onDrop, onNodeDrag, spliceOnDragStop };
}
