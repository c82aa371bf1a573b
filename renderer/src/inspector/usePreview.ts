/**
 * The live preview: the node run on the sample records with its current config (flows.previewNode,
 * nothing written), again shortly after each edit. A config core cannot run yet comes back as the
 * problems that stop it, pinned to their fields.
 */
import { useEffect, useState } from 'react';
import type { PreviewResult } from '../../../core/api/contract';
import type { FlowDocument, FlowProblem } from '../../../core/api/flow-document';
import { call, errorProblems, errorText } from '../api/call';

const DEBOUNCE_MS = 300;

export interface PreviewState {
  results: PreviewResult[] | null;
  error: string | null;
  problems: FlowProblem[];
  busy: boolean;
}

export function usePreview(doc: FlowDocument | null, nodeId: string, config: unknown, records: unknown[]): PreviewState {
  const [state, setState] = useState<PreviewState>({ results: null, error: null, problems: [], busy: false });
  useEffect(() => {
    if (!doc || !records.length) {
      setState({ results: null, error: null, problems: [], busy: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    const t = setTimeout(() => {
      call('flows.previewNode', { doc, node: nodeId, records })
        .then((results) => live && setState({ results, error: null, problems: [], busy: false }))
        .catch((e: unknown) => live && setState({ results: null, error: errorText(e), problems: errorProblems(e), busy: false }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // The preview depends on this node's config and the samples; other edits do not change it.
  }, [nodeId, config, records, doc?.settings]);
  return state;
}
