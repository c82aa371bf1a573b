/**
 * The document's steps, notes and connections as React Flow's nodes and edges. The objects of
 * nodes that did not change are reused, which keeps a drag smooth in big flows.
 */
import { useMemo, useRef } from 'react';
import type { FlowDocument, FlowNode, FlowNote } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { connectionWarnings, edgeKey, edgeWords, handleId } from '../lib/graph';
import { NOTE_SIZE, noteCanvasId } from '../lib/notes';
import { useContentDoc } from '../state/useContentDoc';
import type { CanvasNode, CountEdgeType } from './canvasTypes';

type Size = { width: number; height: number };
interface Cached {
  src: FlowNode | FlowNote;
  selected: boolean;
  size: Size | undefined;
  label: string;
  warnings: string[] | undefined;
  rf: CanvasNode;
}
const NONE: string[] = [];

export function useCanvasElements(doc: FlowDocument | null, byType: ReadonlyMap<string, NodeTypeDescriptor>, selectedNodes: ReadonlySet<string>, selectedEdges: ReadonlySet<string>, sizes: ReadonlyMap<string, Size>, sizeTick: number, dropEdge: string | null) {
  const cache = useRef(new Map<string, Cached>());
  // Warnings depend on the connections only, not on where the cards stand.
  const content = useContentDoc();
  const warnings = useMemo(() => (content ? connectionWarnings(content, byType) : {}), [content, byType]);

  const nodes = useMemo(() => {
    void sizeTick;
    const next = new Map<string, Cached>();
    const reuse = (id: string, src: FlowNode | FlowNote, label: string, w: string[] | undefined, make: (selected: boolean, size: Size | undefined) => CanvasNode): CanvasNode => {
      const selected = selectedNodes.has(id);
      const size = sizes.get(id);
      const prev = cache.current.get(id);
      const entry = prev && prev.src === src && prev.selected === selected && prev.size === size && prev.label === label && prev.warnings === w ? prev : { src, selected, size, label, warnings: w, rf: make(selected, size) };
      next.set(id, entry);
      return entry.rf;
    };
    const list: CanvasNode[] = (doc?.nodes ?? []).map((n) => {
      const desc = byType.get(n.type);
      const label = `${desc ? desc.kind : 'step'}: ${n.label || desc?.title || n.type}`;
      const w = warnings[n.id] ?? NONE;
      return reuse(n.id, n, label, w, (selected, size) => ({ id: n.id, type: 'card', position: n.position, data: { node: n, warnings: w }, selected, ariaLabel: label, ...(size ? { measured: size } : {}) }));
    });
    for (const note of doc?.notes ?? []) {
      const id = noteCanvasId(note.id);
      const width = note.width ?? NOTE_SIZE.width;
      const height = note.height ?? NOTE_SIZE.height;
      list.push(reuse(id, note, 'note', undefined, (selected) => ({ id, type: 'note', position: note.position, data: { note }, selected, width, height, zIndex: -1, ariaLabel: `Note: ${note.text.slice(0, 80) || 'empty'}` })));
    }
    cache.current = next;
    return list;
  }, [doc?.nodes, doc?.notes, selectedNodes, sizeTick, byType, warnings, sizes]);

  // From the content document: a drag that only moves cards does not rebuild the connections.
  const edges = useMemo<CountEdgeType[]>(() => {
    const d = content;
    if (!d) return [];
    return d.edges.map((e) => {
      const key = edgeKey(e);
      return {
        id: key,
        type: 'count',
        source: e.from.node,
        sourceHandle: handleId('out', e.from.port),
        target: e.to.node,
        targetHandle: handleId('in', e.to.port),
        selected: selectedEdges.has(key),
        // Announced by step titles (and the output's name where a step has several), not ids.
        ariaLabel: edgeWords(d, byType, e),
        ...(dropEdge === key ? { className: 'drop-target' } : {}),
        data: { fromNode: e.from.node, fromPort: e.from.port },
      };
    });
  }, [content, selectedEdges, byType, dropEdge]);

  return { nodes, edges };
}
