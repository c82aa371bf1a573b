/**
 * The flow document for views that do not care where nodes stand (run panel, plans): it changes
 * only when the content does, so dragging a node does not redraw them 60 times a second.
 */
import { useRef } from 'react';
import type { FlowDocument } from '../../../core/api/flow-document';
import { sameContent } from '../lib/flowOps';
import { useFlowStore } from './useFlowStore';

export function useContentDoc(): FlowDocument | null {
  const last = useRef<FlowDocument | null>(null);
  return useFlowStore((s) => {
    const doc = s.doc;
    if (doc && last.current && doc.id === last.current.id && sameContent(doc, last.current)) return last.current;
    last.current = doc;
    return doc;
  });
}
