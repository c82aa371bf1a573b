/**
 * Importing a flow file: core parses it (flows.parse) and names every problem with its node and
 * field; the user sees them before saving, and can import anyway to fix them in the editor.
 */
import { AlertTriangle, CheckCircle2, FileWarning } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { FlowDocument, FlowProblem } from '../../../core/api/flow-document';
import { call, errorText } from '../api/call';
import { plainProblem } from '../lib/problems';
import { asSchema } from '../lib/schema';
import { useCatalogStore } from '../state/useCatalogStore';
import { navigate } from '../state/useRouteStore';
import { Modal } from '../ui/Modal';
import { saveImportedFlow } from './createFlow';

type Parsed = { doc: FlowDocument | null; problems: FlowProblem[]; error: string | null };

export function ImportFlowDialog({ text, fileName, onClose }: { text: string; fileName: string; onClose(): void }) {
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('flows.parse', { text, fileName })
      .then(setParsed)
      .catch((e: unknown) => setParsed({ doc: null, problems: [], error: errorText(e) }));
  }, [text, fileName]);

  const save = async () => {
    if (!parsed?.doc) return;
    setBusy(true);
    try {
      const id = await saveImportedFlow(parsed.doc);
      toast.success(`“${parsed.doc.name}” was imported`);
      onClose();
      navigate({ name: 'editor', flowId: id });
    } catch (e) {
      toast.error('The flow could not be saved', { description: errorText(e) });
      setBusy(false);
    }
  };

  const byNode = new Map<string, FlowProblem[]>();
  for (const p of parsed?.problems ?? []) byNode.set(p.node ?? '', [...(byNode.get(p.node ?? '') ?? []), p]);

  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Import ${fileName}`}
      description={parsed?.doc ? `“${parsed.doc.name}” — ${parsed.doc.nodes.length} steps` : undefined}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          {parsed?.doc ? (
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={busy}>
              {parsed.problems.length ? 'Import and fix in the editor' : 'Import flow'}
            </button>
          ) : null}
        </>
      }
    >
      {!parsed ? (
        <p className="muted">Reading the file…</p>
      ) : parsed.error ? (
        <div className="stack">
          <div className="callout fail" role="alert">
            <FileWarning size={18} aria-hidden />
            <div>
              <strong>This file cannot be imported.</strong>
              <p>{parsed.error}</p>
            </div>
          </div>
          {parsed.problems.length ? <ProblemList groups={byNode} doc={parsed.doc} /> : null}
        </div>
      ) : parsed.problems.length ? (
        <div className="stack">
          <div className="callout warn" role="status">
            <AlertTriangle size={18} aria-hidden />
            <p>
              The flow can be imported, but it cannot run until {parsed.problems.length === 1 ? 'this problem is' : `these ${parsed.problems.length} problems are`} fixed. The editor marks each one on its step.
            </p>
          </div>
          <ProblemList groups={byNode} doc={parsed.doc} />
        </div>
      ) : (
        <div className="callout ok" role="status">
          <CheckCircle2 size={18} aria-hidden />
          <p>The flow is complete and ready to run.</p>
        </div>
      )}
    </Modal>
  );
}

function ProblemList({ groups, doc }: { groups: Map<string, FlowProblem[]>; doc: FlowDocument | null }) {
  const byType = useCatalogStore((s) => s.byType);
  const nodeOf = (id: string) => doc?.nodes.find((n) => n.id === id);
  const titleOf = (id: string) => {
    const n = nodeOf(id);
    return n?.label || (n ? byType.get(n.type)?.title : undefined) || id;
  };
  return (
    <ul className="problem-list">
      {[...groups.entries()].map(([node, list]) => (
        <li key={node}>
          <strong>{node ? `Step “${titleOf(node)}”` : 'The flow'}</strong>
          <ul>
            {list.map((p, i) => (
              <li key={i}>{node ? plainProblem(p, nodeOf(node)?.config, asSchema(byType.get(nodeOf(node)?.type ?? '')?.configSchema)) : p.message}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
