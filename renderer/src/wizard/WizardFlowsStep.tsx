/** Step 3: which flows (templates) to set up; step 4: their questions. */
import { Check } from 'lucide-react';
import { useMemo } from 'react';
import type { TemplateInfo } from '../../../core/api/contract';
import { SchemaForm } from '../inspector/SchemaForm';
import { asSchema } from '../lib/schema';
import { appName } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { useWizardStore } from './wizardState';

export function useFittingTemplates(): TemplateInfo[] {
  const templates = useCatalogStore((s) => s.templates);
  const apps = useWizardStore((s) => s.apps);
  return useMemo(() => templates.filter((t) => t.apps.every((a) => (apps as string[]).includes(a))), [templates, apps]);
}

export function WizardFlowsStep() {
  const fitting = useFittingTemplates();
  const chosen = useWizardStore((s) => s.templates);
  const set = useWizardStore((s) => s.set);
  if (!fitting.length) return <p className="muted">There is no ready-made flow for just these apps yet. You can still draw your own flows in the editor.</p>;
  return (
    <div className="stack">
      <p>Which flows should Sincro set up? You can change each one afterwards in the editor.</p>
      <div className="choice-cards column" role="group" aria-label="Flows">
        {fitting.map((t) => {
          const on = chosen.includes(t.id);
          return (
            <button key={t.id} type="button" role="checkbox" aria-checked={on} className={`choice-card${on ? ' on' : ''}`} onClick={() => set({ templates: on ? chosen.filter((x) => x !== t.id) : [...chosen, t.id] })}>
              <span className="choice-check" aria-hidden>
                {on ? <Check size={14} /> : null}
              </span>
              <span className="stack" style={{ gap: 2 }}>
                <strong>{t.name}</strong>
                <span className="muted small">{t.description}</span>
                <span className="small">{t.apps.map(appName).join(' → ')}</span>
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

export function WizardSettingsStep() {
  const templates = useCatalogStore((s) => s.templates);
  const chosen = useWizardStore((s) => s.templates);
  const settings = useWizardStore((s) => s.settings);
  const set = useWizardStore((s) => s.set);
  const list = templates.filter((t) => chosen.includes(t.id));
  const withQuestions = list.filter((t) => Object.keys(asSchema(t.settingsSchema).properties ?? {}).length);
  if (!withQuestions.length) return <p className="muted">No questions: the chosen flows work as they are.</p>;
  return (
    <div className="stack" style={{ gap: 'var(--space-5)' }}>
      <p>A few questions per flow. The suggested answers fit most shops; everything can be changed later.</p>
      {withQuestions.map((t) => (
        <section key={t.id} className="fieldset" aria-labelledby={`wiz-set-${t.id}`}>
          <h3 id={`wiz-set-${t.id}`} style={{ fontSize: 'var(--text-md)' }}>
            {t.name}
          </h3>
          <SchemaForm schema={asSchema(t.settingsSchema)} value={settings[t.id] ?? {}} onChange={(next) => set({ settings: { ...useWizardStore.getState().settings, [t.id]: next } })} path="settings" ctx={{ problems: [] }} />
        </section>
      ))}
    </div>
  );
}
