/**
 * Connect by keyboard (issue 11 §3): "Connect to…" (key C) lists, for the selected step, every step
 * one of its outputs can be connected to — by title, with the output's name where it has several —
 * searchable; Enter connects. Steps it cannot feed (itself, sources, a loop) are not offered.
 */
import { Command } from 'cmdk';
import { ArrowRight } from 'lucide-react';
import { useMemo } from 'react';
import { addEdge } from '../lib/flowOps';
import { checkConnection, connectionWarnings, handleId, stepTitle } from '../lib/graph';
import { isNoteId } from '../lib/notes';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { toast } from 'sonner';

export function ConnectToDialog() {
  const open = useEditorStore((s) => s.connectOpen);
  const selected = useEditorStore((s) => s.selectedNodes);
  const doc = useFlowStore((s) => s.doc);
  const byType = useCatalogStore((s) => s.byType);
  const ids = [...selected].filter((x) => !isNoteId(x));
  const fromId = ids.length === 1 ? ids[0] : undefined;

  const options = useMemo(() => {
    if (!open || !doc || !fromId) return [];
    const from = doc.nodes.find((n) => n.id === fromId);
    const outputs = from ? (byType.get(from.type)?.outputs ?? []) : [];
    return outputs.flatMap((out) =>
      doc.nodes.flatMap((to) => {
        const input = byType.get(to.type)?.inputs[0];
        if (!input) return [];
        const r = checkConnection(doc, byType, { source: fromId, sourceHandle: handleId('out', out.name), target: to.id, targetHandle: handleId('in', input.name) });
        return r.ok ? [{ key: `${out.name}>${to.id}`, port: outputs.length > 1 ? (out.label ?? out.name) : null, title: stepTitle(doc, byType, to.id), edge: r.edge }] : [];
      }),
    );
  }, [open, doc, fromId, byType]);

  if (!open || !doc) return null;
  const close = () => useEditorStore.getState().setConnectOpen(false);
  const fromTitle = fromId ? stepTitle(doc, byType, fromId) : '';
  return (
    <Command.Dialog open onOpenChange={(o) => !o && close()} label={fromId ? `Connect “${fromTitle}” to…` : 'Connect to…'} overlayClassName="cmdk-overlay">
      <Command.Input placeholder={fromId ? `Connect “${fromTitle}” to…` : 'Select one step first'} aria-label="Find the step to connect to" />
      <Command.List>
        <Command.Empty>{fromId ? 'No step can take records from this one.' : 'Select one step on the canvas, then press C.'}</Command.Empty>
        {options.map((o) => (
          <Command.Item
            key={o.key}
            value={`${o.port ?? ''} ${o.title} ${o.key}`}
            onSelect={() => {
              const before = useFlowStore.getState().doc;
              useFlowStore.getState().apply((d) => addEdge(d, o.edge));
              const after = useFlowStore.getState().doc;
              close();
              const had = new Set(before ? (connectionWarnings(before, byType)[o.edge.to.node] ?? []) : []);
              const now = after ? (connectionWarnings(after, byType)[o.edge.to.node] ?? []).filter((w) => !had.has(w)) : [];
              if (now.length) toast.warning('Connected — but check this', { description: now.join(' ') });
              else toast.success(`Connected “${fromTitle}”${o.port ? ` (${o.port})` : ''} to “${o.title}”`, { duration: 2000 });
            }}
          >
            {o.port ? <span className="badge">{o.port}</span> : null}
            <ArrowRight size={13} aria-hidden />
            <span>{o.title}</span>
          </Command.Item>
        ))}
      </Command.List>
    </Command.Dialog>
  );
}
