/** Step 2: per app, demo data (a local sandbox) or the user's own account, and whether that works. */
import { FlaskConical, Pencil, Plus, RefreshCw, UserRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../core/api/contract';
import { call } from '../api/call';
import { connectionsForApp, isSandbox, type AppId } from '../connections/appConnections';
import { ConnectionStatus } from '../connections/ConnectionStatus';
import { SignInButton } from '../connections/SignInButton';
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
  const setMode = (m: 'demo' | 'mine') => {
    const st = useWizardStore.getState();
    set({ mode: { ...st.mode, [app]: m }, connection: { ...st.connection, [app]: m === 'mine' ? mine[0]?.id : undefined } });
  };
  const setConnection = (id: string | undefined) => set({ connection: { ...useWizardStore.getState().connection, [app]: id } });
  const connection = mine.find((c) => c.id === chosen);

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
            <span className="muted small">{app === 'mplus' ? 'Your API address, ident and secret from MplusKASSA.' : 'Sign in to Teamleader Focus; Sincro keeps the access on this computer.'}</span>
          </span>
        </button>
      </div>
      {mode === 'mine' ? (
        <div className="stack" style={{ gap: 8 }}>
          <div className="row wrap">
            {mine.length ? (
              <div style={{ minWidth: 240 }}>
                <Choice value={chosen} options={mine.map((c) => ({ value: c.id, label: c.name }))} onChange={setConnection} ariaLabel={`${appName(app)} connection`} placeholder="Choose a connection" />
              </div>
            ) : null}
            <button type="button" className="btn" onClick={() => useAddConnectionStore.getState().open({ app, kinds: kinds.filter((k) => k.app === app && !k.sandbox).map((k) => k.kind), onCreated: (c) => setConnection(c.id) })}>
              <Plus size={14} aria-hidden /> Enter {appName(app)} details
            </button>
          </div>
          {connection ? <ChosenConnection connection={connection} app={app} /> : null}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * The chosen connection as it stands: it works (its last test passed), it does not (and why), or
 * it is not tested / signed in yet — never "chosen" as if that were enough.
 */
function ChosenConnection({ connection: c, app }: { connection: ConnectionInfo; app: AppId }) {
  const kind = useCatalogStore((s) => s.connectionKinds.find((k) => k.kind === c.kind));
  const [testing, setTesting] = useState(false);
  const signsIn = !!kind?.signIn;
  const signedIn = !signsIn || (kind?.signIn?.tokenFields ?? []).some((f) => c.secretFields.includes(f));
  const test = async () => {
    setTesting(true);
    await call('connections.test', { id: c.id }).catch(() => undefined);
    await useConnectionStore.getState().refresh();
    setTesting(false);
  };
  // A connection chosen without a test yet is tested at once (one that needs a sign-in waits for it).
  const untested = !c.lastTest && signedIn;
  useEffect(() => {
    if (untested) void test();
  }, [c.id]);

  return (
    <div className="stack wizard-conn" style={{ gap: 6 }} data-app={app}>
      <ConnectionStatus test={c.lastTest} busy={testing ? `Testing “${c.name}”…` : null} untested={signedIn ? 'Not tested yet.' : `Not signed in to ${appName(app)} yet.`} />
      <div className="row wrap">
        {signsIn ? <SignInButton connection={c} app={app} primary={!signedIn} showRedirect={!signedIn} /> : null}
        <button type="button" className="btn btn-sm" onClick={() => void test()} disabled={testing}>
          <RefreshCw size={14} aria-hidden /> Test
        </button>
        <button type="button" className="btn btn-sm" onClick={() => useAddConnectionStore.getState().open({ edit: c })}>
          <Pencil size={14} aria-hidden /> Edit
        </button>
      </div>
    </div>
  );
}
