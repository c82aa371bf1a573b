/** With no step selected: the flow's name, description, settings (a template's questions) and problems. */
import { AlertCircle, CheckCircle2 } from 'lucide-react';
import { useMemo } from 'react';
import type { FlowDocument } from '../../../core/api/flow-document';
import { asSchema, type JsonSchema } from '../lib/schema';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { useFlowStore } from '../state/useFlowStore';
import { plainProblem, withStepTitles } from '../lib/problems';
import { SchemaForm } from './SchemaForm';
import { TemplateUpdateNotice } from './TemplateUpdateNotice';

/** Flows made from a template carry their settings' schema (the template's questions). */
type WithSettingsSchema = FlowDocument & { settingsSchema?: unknown };

const FREE_SETTINGS: JsonSchema = { type: 'object', properties: { settings: { widget: 'json', label: 'Flow settings', help: 'Values the steps can use as {{settings.name}} or $settings.name.' } } };

export function FlowPanel() {
  const doc = useFlowStore((s) => s.doc) as WithSettingsSchema | null;
  const problems = useFlowStore((s) => s.problems);
  const byType = useCatalogStore((s) => s.byType);
  const settingsSchema = useMemo(() => (doc?.settingsSchema ? asSchema(doc.settingsSchema) : null), [doc?.settingsSchema]);
  if (!doc) return null;
  const settingsProblems = problems.filter((p) => !p.node);
  const apply = useFlowStore.getState().apply;
  const titleOf = (id: string) => {
    const n = doc.nodes.find((x) => x.id === id);
    return n?.label || (n ? byType.get(n.type)?.title : undefined) || id;
  };

  return (
    <div className="inspector-body">
      <h2 className="inspector-title">This flow</h2>
      <TemplateUpdateNotice doc={doc} />
      <div className="field">
        <label className="field-label" htmlFor="flow-description">
          Description
        </label>
        <textarea id="flow-description" className="textarea" rows={3} value={doc.description ?? ''} placeholder="What this flow keeps in sync, for whoever reads it next." onChange={(e) => apply((d) => ({ ...d, description: e.target.value || undefined }), { merge: 'flow-description' })} />
      </div>
      <section className="stack" aria-labelledby="flow-problems-title">
        <h3 id="flow-problems-title" className="inspector-subtitle">
          Ready to run?
        </h3>
        {problems.length === 0 ? (
          <p className="row small text-ok">
            <CheckCircle2 size={16} aria-hidden /> Yes — no problems found.
          </p>
        ) : (
          <ul className="problem-links">
            {problems.map((p, i) => (
              <li key={i}>
                <AlertCircle size={14} aria-hidden className="text-fail" />
                {p.node ? (
                  <button type="button" className="link-btn" onClick={() => useEditorStore.getState().select([p.node as string])}>
                    <strong>{titleOf(p.node)}:</strong> {plainProblem(p, doc.nodes.find((n) => n.id === p.node)?.config, asSchema(byType.get(doc.nodes.find((n) => n.id === p.node)?.type ?? '')?.configSchema))}
                  </button>
                ) : (
                  <span>{withStepTitles(p.message, doc, (t) => byType.get(t)?.title)}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="stack" aria-labelledby="flow-settings-title">
        <h3 id="flow-settings-title" className="inspector-subtitle">
          Settings
        </h3>
        {settingsSchema ? (
          <SchemaForm schema={settingsSchema} value={doc.settings} path="settings" ctx={{ problems: settingsProblems }} onChange={(next) => apply((d) => ({ ...d, settings: next }), { merge: 'flow-settings' })} />
        ) : (
          <SchemaForm
            schema={FREE_SETTINGS}
            value={{ settings: doc.settings }}
            path=""
            ctx={{ problems: settingsProblems }}
            onChange={(next) => apply((d) => ({ ...d, settings: (next.settings as Record<string, unknown> | undefined) ?? {} }), { merge: 'flow-settings' })}
          />
        )}
      </section>
      <p className="muted small">
        {doc.nodes.length} steps · {doc.edges.length} connections. Select a step to change it.
      </p>
    </div>
  );
}
