/** Step 2: per app, demo data (a local sandbox) or the user's own account. */
import { CheckCircle2, FlaskConical, LogIn, Plus, UserRound } from 'lucide-react';
import { useState } from 'react';
import { call, errorText } from '../api/call';
import { connectionsForApp, isSandbox, type AppId } from '../connections/appConnections';
import { appName } from '../lib/words';
import { useAddConnectionStore } from '../state/useAddConnectionStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';
import { Choice } from '../ui/Choice';
import { useWizardStore } from './wizardState';

export function WizardConnectStep() {
  const apps = useWizardStore((s) => s.apps);
  return (
    <div className="stack" style={{ gap: 'var(--space-5)' }}>
      <p>For each app: try it with demo data first (nothing real is touched), or connect your own account.</p>
      {apps.map((app) => (
        <AppConnect key={app} app={app} />
      ))}
    </div>
  );
}

function AppConnect({ app }: { app: AppId }) {
  const mode = useWizardStore((s) => s.mode[app]);
  const chosen = useWizardStore((s) => s.connection[app]);
  const set = useWizardStore((s) => s.set);
  const all = useConnectionStore((s) => s.list);
  const kinds = useCatalogStore((s) => s.connectionKinds);
  const mine = connectionsForApp(all, kinds, app).filter((c) => !isSandbox(c));
  const [login, setLogin] = useState<string | null>(null);
  const setMode = (m: 'demo' | 'mine') => {
    const st = useWizardStore.getState();
    set({ mode: { ...st.mode, [app]: m }, connection: { ...st.connection, [app]: m === 'mine' ? mine[0]?.id : undefined } });
  };
  const setConnection = (id: string | undefined) => set({ connection: { ...useWizardStore.getState().connection, [app]: id } });

  return (
    <fieldset className="fieldset">
      <legend className="field-label" style={{ fontSize: 'var(--text-md)' }}>
        {appName(app)}
      </legend>
      <div className="choice-cards" role="radiogroup" aria-label={`How to connect ${appName(app)}`}>
        <button type="button" role="radio" aria-checked={mode === 'demo'} className={`choice-card${mode === 'demo' ? ' on' : ''}`} onClick={() => setMode('demo')}>
          <FlaskConical size={18} aria-hidden />
          <span className="stack" style={{ gap: 2 }}>
            <strong>Try with demo data</strong>
            <span className="muted small">A local {appName(app)} sandbox with demo customers, products and orders.</span>
          </span>
        </button>
        <button type="button" role="radio" aria-checked={mode === 'mine'} className={`choice-card${mode === 'mine' ? ' on' : ''}`} onClick={() => setMode('mine')}>
          <UserRound size={18} aria-hidden />
          <span className="stack" style={{ gap: 2 }}>
            <strong>Use my account</strong>
            <span className="muted small">{app === 'mplus' ? 'Your API address, ident and secret from MplusKASSA.' : 'Log in to Teamleader Focus; Sincro keeps the access on this computer.'}</span>
          </span>
        </button>
      </div>
      {mode === 'mine' ? (
        <div className="row wrap">
          {mine.length ? (
            <div style={{ minWidth: 240 }}>
              <Choice value={chosen} options={mine.map((c) => ({ value: c.id, label: c.name }))} onChange={setConnection} ariaLabel={`${appName(app)} connection`} placeholder="Choose a connection" />
            </div>
          ) : null}
          <button type="button" className="btn" onClick={() => useAddConnectionStore.getState().open({ kinds: kinds.filter((k) => k.app === app && !k.sandbox).map((k) => k.kind), onCreated: (c) => setConnection(c.id) })}>
            <Plus size={14} aria-hidden /> Enter {appName(app)} details
          </button>
          {app === 'teamleader' && chosen ? (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setLogin('Waiting for the Teamleader login in your browser…');
                call('connections.authorize', { id: chosen })
                  .then((r) => setLogin(r.message))
                  .catch((e: unknown) => setLogin(errorText(e)));
              }}
            >
              <LogIn size={14} aria-hidden /> Log in to Teamleader
            </button>
          ) : null}
          {chosen ? (
            <span className="row small text-ok" style={{ gap: 4 }}>
              <CheckCircle2 size={14} aria-hidden /> Connection chosen
            </span>
          ) : null}
        </div>
      ) : null}
      {login ? (
        <p className="small" role="status">
          {login}
        </p>
      ) : null}
    </fieldset>
  );
}
