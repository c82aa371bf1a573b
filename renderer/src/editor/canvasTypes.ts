/** The React Flow node and edge types of the canvas: thin wrappers around the document's own. */
import type { Edge, Node } from '@xyflow/react';
import type { FlowNode, FlowNote } from '../../../core/api/flow-document';

/** `warnings`: connections allowed but likely wrong (graph.ts connectionWarnings). */
export type CardData = { node: FlowNode; warnings?: string[] };
export type CardNode = Node<CardData, 'card'>;
export type NoteData = { note: FlowNote };
export type NoteNode = Node<NoteData, 'note'>;
export type CanvasNode = CardNode | NoteNode;

export type CountData = { fromNode: string; fromPort: string };
export type CountEdgeType = Edge<CountData, 'count'>;
