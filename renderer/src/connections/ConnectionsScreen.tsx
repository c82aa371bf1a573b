/**
 * Connections: each stored connection with its kind, which secrets are set (never their values),
 * its last test (kept with it), Test, Edit, "Sign in with Teamleader" and Remove; add one, or a
 * demo sandbox.
 */
import { FlaskConical, KeyRound, Loader2, Pencil, Plug, PlugZap, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { ConnectionInfo } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { formatWhen } from '../lib/words';
import { humanize } from '../lib/schema';
import { useAddConnectionStore } from '../state/useAddConnectionStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';
import { Modal } from '../ui/Modal';
import { AppBadge } from '../ui/NodeVisuals';
import { addSandbox, appOfKind, isSandbox } from './appConnections';
import { ConnectionStatus } from './ConnectionStatus';
import { SignInButton } from './SignInButton';

export function ConnectionsScreen() {
  const list = useConnectionStore((s) => s.list);
  const loaded = useConnectionStore((s) => s.loaded);
  const [removing, setRemoving] = useState<ConnectionInfo | null>(null);

  return (
    <main className="page" aria-labelledby="conn-title">
      <div className="page-inner">
        <header className="page-header">
          <div className="titles">
            <h1 id="conn-title">Connections</h1>
            <p className="muted">How Sincro reaches your apps. Secrets stay encrypted on this computer.</p>
          </div>
          <div className="row wrap">
            <button type="button" className="btn" onClick={() => void addSandbox('mplus')}>
              <FlaskConical size={16} aria-hidden /> Demo MplusKASSA
            </button>
            <button type="button" className="btn" onClick={() => void addSandbox('teamleader')}>
              <FlaskConical size={16} aria-hidden /> Demo Teamleader
            </button>
            <button type="button" className="btn btn-primary" onClick={() => useAddConnectionStore.getState().open()}>
              <Plus size={16} aria-hidden /> Add connection
            </button>
          </div>
        </header>
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : list.length === 0 ? (
          <div className="card empty">
            <Plug size={28} aria-hidden />
            <p>No connections yet. Add your MplusKASSA and Teamleader accounts — or demo ones to try things out.</p>
          </div>
        ) : (
          <ul className="conn-list">
            {list.map((c) => (
              <ConnectionCard key={c.id} connection={c} onRemove={() => setRemoving(c)} />
            ))}
          </ul>
        )}
      </div>
      {removing ? <RemoveDialog connection={removing} onClose={() => setRemoving(null)} /> : null}
    </main>
  );
}

function ConnectionCard({ connection: c, onRemove }: { connection: ConnectionInfo; onRemove(): void }) {
  const kinds = useCatalogStore((s) => s.connectionKinds);
  const kind = kinds.find((k) => k.kind === c.kind);
  const app = appOfKind(kinds, c.kind) ?? 'http';
  const [testing, setTesting] = useState(false);
  const missing = (kind?.secretFields ?? []).filter((f) => !c.secretFields.includes(f));
  const signsIn = !!kind?.signIn && !isSandbox(c);
  const signedIn = !kind?.signIn || (kind.signIn.tokenFields ?? []).some((f) => c.secretFields.includes(f));
  const typed = c.secretFields.filter((f) => !kind?.signIn?.tokenFields.includes(f));
  const label = (f: string) => kind?.secrets.find((s) => s.name === f)?.label ?? humanize(f);

  const runTest = async () => {
    setTesting(true);
    try {
      await call('connections.test', { id: c.id });
    } catch (e) {
      toast.error(`“${c.name}” could not be tested`, { description: errorText(e) });
    } finally {
      await useConnectionStore.getState().refresh();
      setTesting(false);
    }
  };

  return (
    <li className="card conn-card" aria-labelledby={`conn-${c.id}`}>
      <div className="conn-main">
        <div className="row wrap">
          <h2 className="conn-name" id={`conn-${c.id}`}>
            {c.name}
          </h2>
          <AppBadge app={app} />
          {isSandbox(c) ? <span className="badge info">Demo data</span> : null}
        </div>
        <p className="muted small">
          {kind?.title ?? c.kind} · added {formatWhen(c.createdAt)}
          {typeof c.config['apiAddress'] === 'string' ? ` · ${c.config['apiAddress']}` : ''}
        </p>
        <p className="small row wrap" style={{ gap: 6 }}>
          <KeyRound size={13} aria-hidden />
          {typed.length ? <span>Secrets set: {typed.map(label).join(', ')}</span> : <span className="muted">No secrets</span>}
          {missing.length ? <span className="badge warn">Missing: {missing.map(label).join(', ')}</span> : null}
          {signsIn ? signedIn ? <span className="badge ok">Signed in</span> : <span className="badge warn">Not signed in yet</span> : null}
        </p>
        <ConnectionStatus test={c.lastTest} busy={testing ? 'Testing…' : null} />
        {signsIn ? <SignInButton connection={c} app={app} primary={!signedIn} showRedirect={!signedIn} /> : null}
      </div>
      <div className="row conn-actions">
        <button type="button" className="btn btn-sm" onClick={() => void runTest()} disabled={testing} aria-label={`Test ${c.name}`}>
          {testing ? <Loader2 size={14} className="spin" aria-hidden /> : <PlugZap size={14} aria-hidden />}
          Test
        </button>
        {!isSandbox(c) ? (
          <button type="button" className="btn btn-sm" onClick={() => useAddConnectionStore.getState().open({ edit: c })} aria-label={`Edit ${c.name}`}>
            <Pencil size={14} aria-hidden /> Edit
          </button>
        ) : null}
        <button type="button" className="btn btn-sm btn-danger" onClick={onRemove} aria-label={`Remove ${c.name}`}>
          <Trash2 size={14} aria-hidden />
          Remove
        </button>
      </div>
    </li>
  );
}

function RemoveDialog({ connection, onClose }: { connection: ConnectionInfo; onClose(): void }) {
  const remove = async () => {
    try {
      await call('connections.remove', { id: connection.id });
      await useConnectionStore.getState().refresh();
      toast.success(`“${connection.name}” was removed`);
      onClose();
    } catch (e) {
      toast.error('The connection could not be removed', { description: errorText(e) });
    }
  };
  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Remove “${connection.name}”?`}
      description="Its secrets are deleted from this computer. Flows that use it stop working until you choose another connection."
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()}>
            <Trash2 size={14} aria-hidden /> Remove
          </button>
        </>
      }
    >
      <p>This cannot be undone.</p>
    </Modal>
  );
}
