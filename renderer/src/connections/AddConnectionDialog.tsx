/**
 * Adding a connection: pick the kind (or one click for a demo sandbox), fill in its settings
 * (a form from the kind's schema) and secrets (never shown again once saved), save, test.
 */
import { AlertCircle, FlaskConical, KeyRound } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { ConnectionInfo, ConnectionKindInfo } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { SchemaForm } from '../inspector/SchemaForm';
import { asSchema, defaultsFor, humanize } from '../lib/schema';
import { appName } from '../lib/words';
import { kindFits, useAddConnectionStore } from '../state/useAddConnectionStore';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';
import { Choice } from '../ui/Choice';
import { Modal } from '../ui/Modal';
import { addSandbox, type AppId } from './appConnections';

export function AddConnectionHost() {
  const request = useAddConnectionStore((s) => s.request);
  if (!request) return null;
  return <AddConnectionDialog kinds={request.kinds} onCreated={request.onCreated} onClose={() => useAddConnectionStore.getState().close()} />;
}

function AddConnectionDialog({ kinds: wanted, onCreated, onClose }: { kinds?: string[]; onCreated?(c: ConnectionInfo): void; onClose(): void }) {
  const allKinds = useCatalogStore((s) => s.connectionKinds);
  const kinds = useMemo(() => allKinds.filter((k) => !k.sandbox && kindFits(k.kind, wanted)), [allKinds, wanted]);
  const sandboxApps = useMemo(() => [...new Set(allKinds.filter((k) => k.sandbox && kindFits(k.kind, wanted)).map((k) => k.app))].filter((a): a is AppId => a === 'mplus' || a === 'teamleader'), [allKinds, wanted]);
  const [kindId, setKindId] = useState<string | undefined>(kinds[0]?.kind);
  const kind: ConnectionKindInfo | undefined = kinds.find((k) => k.kind === kindId);
  const schema = useMemo(() => asSchema(kind?.configSchema), [kind]);
  const [name, setName] = useState('');
  const [config, setConfig] = useState<Record<string, unknown>>({});
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setConfig(defaultsFor(schema));
    setSecrets({});
    setName(kind ? `My ${kind.title}` : '');
  }, [kind, schema]);

  const done = (c: ConnectionInfo) => {
    onCreated?.(c);
    onClose();
  };

  const save = async () => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    try {
      const c = await call('connections.add', { kind: kind.kind, name: name.trim() || kind.title, config, secrets: Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== '')) });
      await useConnectionStore.getState().refresh();
      const test = await call('connections.test', { id: c.id }).catch((e: unknown) => ({ ok: false, message: errorText(e) }));
      if (test.ok) toast.success(`“${c.name}” is connected`, { description: test.message });
      else toast.warning(`“${c.name}” was saved, but the test did not pass`, { description: test.message });
      done(c);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      onOpenChange={(o) => !o && onClose()}
      title="Add a connection"
      description="Secrets are stored encrypted on this computer and never shown again."
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!kind || busy} onClick={() => void save()}>
            Save and test
          </button>
        </>
      }
    >
      <div className="stack" style={{ gap: 'var(--space-4)' }}>
        {sandboxApps.length ? (
          <div className="callout info">
            <FlaskConical size={16} aria-hidden />
            <div className="stack" style={{ gap: 6 }}>
              <span>No account at hand? A demo connection talks to a local sandbox with made-up data.</span>
              <div className="row wrap">
                {sandboxApps.map((app) => (
                  <button key={app} type="button" className="btn btn-sm" onClick={() => void addSandbox(app).then((c) => c && done(c))}>
                    Demo {appName(app)}
                  </button>
                ))}
              </div>
            </div>
          </div>
        ) : null}
        {kinds.length === 0 ? (
          <p className="muted">There is no kind of connection that fits here.</p>
        ) : (
          <>
            <div className="field">
              <span className="field-label" id="conn-kind-label">
                Kind
              </span>
              <Choice value={kindId} options={kinds.map((k) => ({ value: k.kind, label: `${k.title} (${appName(k.app)})` }))} onChange={setKindId} ariaLabel="Kind of connection" />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="conn-name">
                Name
              </label>
              <input id="conn-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            {kind ? <SchemaForm schema={schema} value={config} onChange={setConfig} path="config" ctx={{ problems: [] }} /> : null}
            {kind?.secretFields.length ? (
              <fieldset className="fieldset">
                <legend className="field-label">
                  <KeyRound size={13} aria-hidden /> Secrets
                </legend>
                {kind.secretFields.map((f) => (
                  <div className="field" key={f}>
                    <label className="field-label" htmlFor={`secret-${f}`}>
                      {humanize(f)}
                    </label>
                    <input id={`secret-${f}`} className="input mono" type="password" autoComplete="off" value={secrets[f] ?? ''} onChange={(e) => setSecrets((s) => ({ ...s, [f]: e.target.value }))} />
                  </div>
                ))}
              </fieldset>
            ) : null}
          </>
        )}
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
