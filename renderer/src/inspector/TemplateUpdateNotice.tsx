/**
 * A flow made from an earlier version of its template keeps that version's steps, fixes and all:
 * this says what the newer versions change, and updates the flow as one change of the document
 * (undo, or Versions, brings the old steps back). Settings, connections and notes are kept
 * (core/templates/template-update.ts).
 */
import { Sparkles } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { TemplateInfo } from '../../../core/api/contract';
import type { FlowDocument } from '../../../core/api/flow-document';
import { call, errorText } from '../api/call';
import { useFlowStore } from '../state/useFlowStore';

export function TemplateUpdateNotice({ doc }: { doc: FlowDocument }) {
  const made = doc.template;
  const [template, setTemplate] = useState<TemplateInfo | null>(null);
  useEffect(() => {
    if (!made?.id) return;
    let live = true;
    call('templates.list', {})
      .then((list) => live && setTemplate(list.find((t) => t.id === made.id) ?? null))
      .catch(() => undefined); // no notice: the flow works as it is
    return () => {
      live = false;
    };
  }, [made?.id]);
  if (!made || !template || template.version <= made.version) return null;

  const update = async () => {
    try {
      const got = await call('templates.update', { doc: useFlowStore.getState().doc ?? doc });
      useFlowStore.getState().apply(() => got.doc);
      toast.success(`Updated to version ${got.to} of “${template.name}”`, { description: 'Undo (Ctrl+Z) brings the earlier steps back.' });
    } catch (e) {
      toast.error('The flow could not be updated', { description: errorText(e) });
    }
  };
  return (
    <section className="callout info template-update" aria-labelledby="template-update-title">
      <Sparkles size={16} aria-hidden />
      <div className="stack">
        <h3 id="template-update-title" className="inspector-subtitle">
          Its template has a newer version
        </h3>
        <p>
          This flow was made from version {made.version} of “{template.name}”, and keeps that version’s steps. Version {template.version}:
        </p>
        <ul className="plain-list">
          {template.changes
            .filter((c) => c.version > made.version)
            .map((c) => (
              <li key={c.version}>{c.text}</li>
            ))}
        </ul>
        <p className="muted">Updating gives this flow the new version’s steps and keeps its settings, connections and notes. A change you made to a step is not kept; undo brings it back.</p>
        <div>
          <button type="button" className="btn btn-sm btn-primary" onClick={() => void update()}>
            Update this flow
          </button>
        </div>
      </div>
    </section>
  );
}
