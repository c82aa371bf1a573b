/**
 * Adding or editing a connection: the app (the one chosen already, when asked from the wizard or
 * a step), its fields (ConnectionForm), then "Save and test". A problem shows at its field; a test
 * that fails keeps the dialog open on the saved connection, with the answer, to fix and test
 * again. Teamleader is not tested but signed in to, from the dialog.
 */
import { AlertCircle, FlaskConical } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { ConnectionInfo, ConnectionKindInfo, ConnectionTestInfo } from '../../../core/api/contract';
import type { FlowProblem } from '../../../core/api/flow-document';
import { call, errorProblems, errorText } from '../api/call';
import { asSchema, defaultsFor } from '../lib/schema';
import { appName } from '../lib/words';
import { kindFits, useAddConnectionStore, type AddConnectionRequest } from '../state/useAddConnectionStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';
import { Choice } from '../ui/Choice';
import { Modal } from '../ui/Modal';
import { addSandbox, type AppId } from './appConnections';
import { ConnectionForm, type ConnectionFields } from './ConnectionForm';
import { ConnectionStatus } from './ConnectionStatus';
import { SignInButton } from './SignInButton';

const APP_ORDER = ['mplus', 'teamleader', 'http'];

export function AddConnectionHost() {
  const request = useAddConnectionStore((s) => s.request);
  if (!request) return null;
  return <ConnectionDialog key={request.edit?.id ?? 'new'} request={request} onClose={() => useAddConnectionStore.getState().close()} />;
}

function ConnectionDialog({ request, onClose }: { request: AddConnectionRequest; onClose(): void }) {
  const allKinds = useCatalogStore((s) => s.connectionKinds);
  const kinds = useMemo(() => allKinds.filter((k) => !k.sandbox && kindFits(k.kind, request.kinds)), [allKinds, request.kinds]);
  const apps = useMemo(() => [...new Set(kinds.map((k) => k.app))].sort((a, b) => rank(a) - rank(b)), [kinds]);
  const sandboxApps = useMemo(() => [...new Set(allKinds.filter((k) => k.sandbox && kindFits(k.kind, request.kinds)).map((k) => k.app))].filter((a): a is AppId => (a === 'mplus' || a === 'teamleader') && (!request.app || a === request.app)), [allKinds, request.kinds, request.app]);
  const [saved, setSaved] = useState<ConnectionInfo | null>(request.edit ?? null);
  const [app, setApp] = useState<string | undefined>(request.edit ? undefined : (request.app ?? apps[0]));
  const [kindId, setKindId] = useState<string | undefined>(request.edit?.kind);
  // The kinds load after the dialog may have opened: the app chosen, and its first kind, follow.
  useEffect(() => {
    if (!saved && (!app || !apps.includes(app))) setApp(request.app && apps.includes(request.app) ? request.app : apps[0]);
  }, [apps, app, saved, request.app]);
  const appKinds = kinds.filter((k) => k.app === app);
  useEffect(() => {
    if (!saved && !appKinds.some((k) => k.kind === kindId)) setKindId(appKinds[0]?.kind);
  }, [appKinds, kindId, saved]);
  const kind: ConnectionKindInfo | undefined = allKinds.find((k) => k.kind === (saved?.kind ?? kindId));

  const [fields, setFields] = useState<ConnectionFields>(() => ({ name: request.edit?.name ?? '', config: request.edit?.config ?? {}, secrets: {} }));
  useEffect(() => {
    if (saved || !kind) return;
    setFields({ name: appName(kind.app) === kind.title ? kind.title : `My ${kind.title}`, config: defaultsFor(asSchema(kind.configSchema)), secrets: {} });
  }, [kind, saved]);

  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [test, setTest] = useState<ConnectionTestInfo | null>(request.edit?.lastTest ?? null);
  const [signInNow, setSignInNow] = useState(false);

  const save = async () => {
    if (!kind) return;
    setBusy('Saving…');
    setError(null);
    setProblems([]);
    const name = fields.name.trim();
    if (!name) {
      setProblems([{ path: 'name', message: 'give the connection a name, e.g. “My shop”' }]);
      setBusy(null);
      return;
    }
    const secrets = Object.fromEntries(Object.entries(fields.secrets).filter(([, v]) => v !== ''));
    let c: ConnectionInfo;
    try {
      c = saved ? await call('connections.update', { id: saved.id, name, config: fields.config, secrets }) : await call('connections.add', { kind: kind.kind, name, config: fields.config, secrets });
    } catch (e) {
      const at = errorProblems(e);
      setProblems(at);
      setError(at.length ? 'Some fields need a change; see the messages at the fields.' : errorText(e));
      setBusy(null);
      return;
    }
    setSaved(c);
    setFields((f) => ({ ...f, secrets: {} }));
    await useConnectionStore.getState().refresh();
    if (!saved) request.onCreated?.(c);
    if (kind.signIn) {
      // Nothing to test before signing in: the dialog offers the sign-in.
      setBusy(null);
      setTest(c.lastTest);
      setSignInNow(true);
      return;
    }
    setBusy('Testing the connection…');
    const result = await call('connections.test', { id: c.id }).catch((e: unknown): ConnectionTestInfo => ({ ok: false, message: errorText(e), at: new Date().toISOString() }));
    setBusy(null);
    setTest(result);
    if (result.ok) {
      toast.success(`“${c.name}” works`, { description: result.message });
      onClose();
    }
  };

  const title = saved ? `Edit “${saved.name}”` : 'Add a connection';
  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title={title}
      description="Secrets are stored encrypted on this computer and never shown again."
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {saved && !request.edit ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="btn btn-primary" disabled={!kind || !!busy} onClick={() => void save()}>
            {kind?.signIn ? 'Save' : 'Save and test'}
          </button>
        </>
      }
    >
      <div className="stack" style={{ gap: 'var(--space-4)' }}>
        {!saved && sandboxApps.length ? (
          <div className="callout info">
            <FlaskConical size={16} aria-hidden />
            <div className="stack" style={{ gap: 6 }}>
              <span>No account at hand? A demo connection talks to a local sandbox with made-up data.</span>
              <div className="row wrap">
                {sandboxApps.map((a) => (
                  <button
                    key={a}
                    type="button"
                    className="btn btn-sm"
                    onClick={() =>
                      void addSandbox(a).then((c) => {
                        if (!c) return;
                        request.onCreated?.(c);
                        onClose();
                      })
                    }
                  >
                    Demo {appName(a)}
                  </button>
                ))}
              </div>
            </div>
          </div>
        ) : null}
        {kinds.length === 0 && !saved ? (
          <p className="muted">There is no kind of connection that fits here.</p>
        ) : (
          <>
            {!saved && apps.length > 1 ? (
              <div className="field">
                <span className="field-label" id="conn-app-label">
                  App
                </span>
                <Choice value={app} options={apps.map((a) => ({ value: a, label: appName(a) }))} onChange={setApp} ariaLabel="App to connect" />
              </div>
            ) : null}
            {!saved && appKinds.length > 1 ? (
              <div className="field">
                <span className="field-label">Kind</span>
                <Choice value={kindId} options={appKinds.map((k) => ({ value: k.kind, label: k.title }))} onChange={setKindId} ariaLabel="Kind of connection" />
              </div>
            ) : null}
            {kind ? <ConnectionForm kind={kind} value={fields} onChange={setFields} problems={problems} storedSecrets={saved?.secretFields} /> : null}
          </>
        )}
        {error ? (
          <div className="callout fail" role="alert">
            <AlertCircle size={16} aria-hidden />
            <span>{error}</span>
          </div>
        ) : null}
        {saved && kind?.signIn && (signInNow || request.edit) ? (
          <section className="callout info stack" aria-label={`Sign in with ${appName(kind.app)}`}>
            <SignInButton connection={saved} app={kind.app} primary onDone={(r) => {
              setTest(r);
              if (r.ok) {
                toast.success(`“${saved.name}” works`, { description: r.message });
                onClose();
              }
            }} />
          </section>
        ) : null}
        {saved && (busy || test) ? <ConnectionStatus test={test} busy={busy} /> : null}
      </div>
    </Modal>
  );
}

function rank(app: string): number {
  const i = APP_ORDER.indexOf(app);
  return i < 0 ? APP_ORDER.length : i;
}
