/** The React Flow node and edge types of the canvas: thin wrappers around the document's own. */
import type { Edge, Node } from '@xyflow/react';
import type { FlowNode } from '../../../core/api/flow-document';

export type CardData = { node: FlowNode };
export type CardNode = Node<CardData, 'card'>;

export type CountData = { fromNode: string; fromPort: string };
export type CountEdgeType = Edge<CountData, 'count'>;
