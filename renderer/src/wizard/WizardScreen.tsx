/**
 * The first-run wizard (PLT-1): apps → connect (demo or own account) → flows → questions → test →
 * create. Demo connections are made when leaving the connect step; flows are made at the end.
 */
import { ArrowLeft, ArrowRight, CheckCircle2, Loader2, Workflow } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { call, errorText } from '../api/call';
import { addSandbox } from '../connections/appConnections';
import { freeFlowId } from '../home/CreateFromTemplateDialog';
import { asSchema, defaultsFor } from '../lib/schema';
import { useCatalogStore } from '../state/useCatalogStore';
import { useFlowListStore } from '../state/useFlowListStore';
import { navigate } from '../state/useRouteStore';
import { WizardAppsStep } from './WizardAppsStep';
import { WizardConnectStep } from './WizardConnectStep';
import { useFittingTemplates, WizardFlowsStep, WizardSettingsStep } from './WizardFlowsStep';
import { WizardTestStep } from './WizardTestStep';
import { useWizardStore } from './wizardState';

const STEPS = ['Apps', 'Connect', 'Flows', 'Questions', 'Test', 'Create'];

export function WizardScreen() {
  const step = useWizardStore((s) => s.step);
  const st = useWizardStore();
  const templates = useCatalogStore((s) => s.templates);
  const fitting = useFittingTemplates();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Null while the connections are being tested; the flows are not made behind a failed test's back.
  const [testsOk, setTestsOk] = useState<boolean | null>(null);
  const [createAnyway, setCreateAnyway] = useState(false);
  const onResults = useCallback((ok: boolean | null) => {
    setTestsOk(ok);
    if (ok !== false) setCreateAnyway(false);
  }, []);

  useEffect(() => {
    useWizardStore.getState().reset();
    void useCatalogStore.getState().load();
  }, []);
  // Every fitting flow is suggested; their questions start from the suggested answers. A flow
  // that no longer fits the apps chosen is no longer counted ("Create 5 flows" for none).
  useEffect(() => {
    const s = useWizardStore.getState();
    const still = s.templates.filter((id) => fitting.some((t) => t.id === id));
    if (!still.length && fitting.length) s.set({ templates: fitting.map((t) => t.id) });
    else if (still.length !== s.templates.length) s.set({ templates: still });
  }, [fitting]);

  const canNext = step === 0 ? st.apps.length > 0 : step === 1 ? st.apps.every((a) => st.mode[a] === 'demo' || !!st.connection[a]) : true;

  const next = async () => {
    setError(null);
    if (step === 1) {
      setBusy(true);
      const connection = { ...st.connection };
      for (const app of st.apps) {
        if (st.mode[app] === 'demo' && !connection[app]) {
          const c = await addSandbox(app);
          if (!c) {
            setBusy(false);
            return setError('The demo connection could not be made; see the message above.');
          }
          connection[app] = c.id;
        }
      }
      st.set({ connection });
      setBusy(false);
    }
    if (step === 2) {
      const settings = { ...st.settings };
      for (const t of templates) if (st.templates.includes(t.id) && !settings[t.id]) settings[t.id] = defaultsFor(asSchema(t.settingsSchema));
      st.set({ settings });
    }
    if (step === 4) return create();
    st.set({ step: step + 1 });
  };

  const create = async () => {
    setBusy(true);
    const created: Array<{ id: string; name: string; problems: number }> = [];
    try {
      await useFlowListStore.getState().refresh();
      for (const t of templates.filter((x) => st.templates.includes(x.id) && x.apps.every((a) => (st.apps as string[]).includes(a)))) {
        const connections = Object.fromEntries(t.apps.map((a) => [a, st.connection[a as 'mplus' | 'teamleader'] ?? '']).filter(([, v]) => v));
        const r = await call('templates.create', { template: t.id, flowId: freeFlowId(t.id), connections, settings: st.settings[t.id] ?? {} });
        created.push({ id: r.doc.id, name: r.doc.name, problems: r.problems.length });
        await useFlowListStore.getState().refresh();
      }
      st.set({ created, step: 5 });
      toast.success(created.length === 1 ? 'Your flow is ready' : `Your ${created.length} flows are ready`);
    } catch (e) {
      setError(errorText(e));
      if (created.length) st.set({ created, step: 5 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page" aria-labelledby="wizard-title">
      <div className="page-inner wizard">
        <header className="page-header">
          <div className="titles">
            <h1 id="wizard-title">Set up Sincro</h1>
            <p className="muted">A few minutes, and your orders, customers and products stay in sync.</p>
          </div>
        </header>
        <ol className="wizard-steps" aria-label="Steps">
          {STEPS.map((label, i) => (
            <li key={label} className={i === step ? 'current' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
              <span className="wizard-step-num" aria-hidden>
                {i < step ? <CheckCircle2 size={14} /> : i + 1}
              </span>
              {label}
            </li>
          ))}
        </ol>
        <section className="card card-pad wizard-body" aria-labelledby="wizard-step-title">
          <h2 id="wizard-step-title" style={{ fontSize: 'var(--text-lg)' }}>
            {['Your apps', 'Connect your apps', 'Your flows', 'A few questions', 'Test the connections', 'All set'][step]}
          </h2>
          {step === 0 ? <WizardAppsStep /> : null}
          {step === 1 ? <WizardConnectStep /> : null}
          {step === 2 ? <WizardFlowsStep /> : null}
          {step === 3 ? <WizardSettingsStep /> : null}
          {step === 4 ? <WizardTestStep onResults={onResults} /> : null}
          {step === 4 && testsOk === false && st.templates.length ? (
            <label className="row small create-anyway">
              <input type="checkbox" checked={createAnyway} onChange={(e) => setCreateAnyway(e.target.checked)} />
              Create the flows anyway: they cannot run until every connection works (fix it on the Connections page).
            </label>
          ) : null}
          {step === 5 ? (
            <div className="stack">
              <p>
                {st.created.length
                  ? 'These flows were created. Each one starts switched off: open it, do a dry run to see what it would do, then run it or switch on its schedule.'
                  : 'Your apps are connected. Draw a flow of your own, or pick a template on the Flows page.'}
              </p>
              <ul className="created-list">
                {st.created.map((f) => (
                  <li key={f.id} className="row">
                    <Workflow size={16} aria-hidden />
                    <a
                      href={`#/flows/${encodeURIComponent(f.id)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ name: 'editor', flowId: f.id });
                      }}
                    >
                      {f.name}
                    </a>
                    {f.problems ? <span className="badge warn">{f.problems} thing(s) to finish</span> : <span className="badge ok">Ready</span>}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {error ? (
            <p className="text-fail" role="alert">
              {error}
            </p>
          ) : null}
        </section>
        <footer className="row wizard-nav">
          {step > 0 && step < 5 ? (
            <button type="button" className="btn" onClick={() => st.set({ step: step - 1 })} disabled={busy}>
              <ArrowLeft size={16} aria-hidden /> Back
            </button>
          ) : (
            <button type="button" className="btn btn-ghost" onClick={() => navigate({ name: 'home' })}>
              {step === 5 ? 'Go to your flows' : 'Skip for now'}
            </button>
          )}
          <span className="spacer" />
          {step < 5 ? (
            <button type="button" className="btn btn-primary btn-lg" onClick={() => void next()} disabled={!canNext || busy || (step === 2 && !st.templates.length && fitting.length > 0) || (step === 4 && st.templates.length > 0 && (testsOk === null || (testsOk === false && !createAnyway)))}>
              {busy ? <Loader2 size={16} className="spin" aria-hidden /> : null}
              {step === 4 ? (st.templates.length === 0 ? 'Finish' : st.templates.length === 1 ? 'Create the flow' : `Create ${st.templates.length} flows`) : 'Next'}
              {step < 4 ? <ArrowRight size={16} aria-hidden /> : null}
            </button>
          ) : st.created[0] ? (
            <button type="button" className="btn btn-primary btn-lg" onClick={() => navigate({ name: 'editor', flowId: st.created[0]?.id as string })}>
              Open “{st.created[0].name}” <ArrowRight size={16} aria-hidden />
            </button>
          ) : null}
        </footer>
      </div>
    </main>
  );
}
