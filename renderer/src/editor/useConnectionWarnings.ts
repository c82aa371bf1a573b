/** The connection warnings of one step (graph.ts connectionWarnings), from the content document. */
import { useMemo } from 'react';
import { connectionWarnings } from '../lib/graph';
import { useCatalogStore } from '../state/useCatalogStore';
import { useContentDoc } from '../state/useContentDoc';

const NONE: string[] = [];

export function useConnectionWarnings(nodeId: string): string[] {
  const doc = useContentDoc();
  const byType = useCatalogStore((s) => s.byType);
  return useMemo(() => (doc ? (connectionWarnings(doc, byType)[nodeId] ?? NONE) : NONE), [doc, byType, nodeId]);
}
