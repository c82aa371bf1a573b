/**
 * Making a flow from a template: which connection to use per app (or a demo sandbox in one
 * click), the template's questions as a form, and a name. Core fills the template in.
 */
import { AlertCircle, FlaskConical, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { TemplateInfo } from '../../../core/api/contract';
import { call, errorProblems, errorText } from '../api/call';
import { addSandbox, connectionsForApp, type AppId } from '../connections/appConnections';
import { SchemaForm } from '../inspector/SchemaForm';
import { asSchema, defaultsFor } from '../lib/schema';
import { appName } from '../lib/words';
import { useAddConnectionStore } from '../state/useAddConnectionStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';
import { Choice } from '../ui/Choice';
import { Modal } from '../ui/Modal';

export function freeFlowId(base: string): string {
  const taken = new Set(useFlowListStore.getState().flows.map((f) => f.id));
  const clean = base.replace(/[^A-Za-z0-9_.:-]+/g, '-').slice(0, 80) || 'flow';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

export function CreateFromTemplateDialog({ template, onClose }: { template: TemplateInfo; onClose(): void }) {
  const schema = useMemo(() => asSchema(template.settingsSchema), [template.settingsSchema]);
  const [name, setName] = useState(template.name);
  const [settings, setSettings] = useState<Record<string, unknown>>(() => defaultsFor(schema));
  const all = useConnectionStore((s) => s.list);
  const kinds = useCatalogStore((s) => s.connectionKinds);
  const [chosen, setChosen] = useState<Record<string, string | undefined>>(() => Object.fromEntries(template.apps.map((a) => [a, connectionsForApp(all, kinds, a)[0]?.id])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const connections = Object.fromEntries(Object.entries(chosen).filter((e): e is [string, string] => !!e[1]));
      const r = await call('templates.create', { template: template.id, flowId: freeFlowId(template.id), name, connections, settings });
      await useFlowListStore.getState().refresh();
      toast.success(`“${r.doc.name}” is ready`, { description: r.problems.length ? `It has ${r.problems.length} thing(s) to finish; the editor shows where.` : 'Try a dry run to see what it would do.' });
      onClose();
      navigate({ name: 'editor', flowId: r.doc.id });
    } catch (e) {
      setError(errorProblems(e).map((p) => p.message).join(' ') || errorText(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title={`New flow: ${template.name}`}
      description={template.description}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={busy || template.apps.some((a) => !chosen[a]) || !name.trim()}>
            Create flow
          </button>
        </>
      }
    >
      <div className="stack" style={{ gap: 'var(--space-4)' }}>
        <div className="field">
          <label className="field-label" htmlFor="tpl-name">
            Name
          </label>
          <input id="tpl-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        {template.apps.map((app) => {
          const options = connectionsForApp(all, kinds, app).map((c) => ({ value: c.id, label: c.name }));
          return (
            <div className="field" key={app}>
              <span className="field-label" id={`tpl-conn-${app}`}>
                {appName(app)} connection
              </span>
              <div className="row wrap">
                <div style={{ flex: 1, minWidth: 180 }}>
                  <Choice value={chosen[app]} options={options} placeholder="No connection yet" onChange={(v) => setChosen((c) => ({ ...c, [app]: v }))} ariaLabel={`${appName(app)} connection`} />
                </div>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() =>
                    void addSandbox(app as AppId).then((c) => {
                      if (c) setChosen((x) => ({ ...x, [app]: c.id }));
                    })
                  }
                >
                  <FlaskConical size={14} aria-hidden /> Demo data
                </button>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => useAddConnectionStore.getState().open({ kinds: kinds.filter((k) => k.app === app).map((k) => k.kind), onCreated: (c) => setChosen((x) => ({ ...x, [app]: c.id })) })}
                >
                  <Plus size={14} aria-hidden /> My account
                </button>
              </div>
            </div>
          );
        })}
        {Object.keys(schema.properties ?? {}).length ? (
          <section className="stack" aria-labelledby="tpl-settings">
            <h3 id="tpl-settings" style={{ fontSize: 'var(--text-md)' }}>
              A few questions
            </h3>
            <SchemaForm schema={schema} value={settings} onChange={setSettings} path="settings" ctx={{ problems: [] }} />
          </section>
        ) : null}
        {error ? (
          <div className="callout fail" role="alert">
            <AlertCircle size={16} aria-hidden />
            <span>{error}</span>
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
