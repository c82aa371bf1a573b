/** Step 5: test every chosen connection and say, in words, what each answered. */
import { CheckCircle2, Loader2, RefreshCw, XCircle } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { call, errorText } from '../api/call';
import { appName } from '../lib/words';
import { useWizardStore } from './wizardState';

type Result = { state: 'busy' } | { state: 'done'; ok: boolean; message: string };

/** `onResults`: null while testing, then whether every connection works. */
export function WizardTestStep({ onResults }: { onResults(allOk: boolean | null): void }) {
  const apps = useWizardStore((s) => s.apps);
  const connection = useWizardStore((s) => s.connection);
  const [results, setResults] = useState<Record<string, Result>>({});

  const runAll = useCallback(async () => {
    onResults(null);
    setResults(Object.fromEntries(apps.map((a) => [a, { state: 'busy' } as Result])));
    const out: Record<string, Result> = {};
    await Promise.all(
      apps.map(async (a) => {
        const id = connection[a];
        if (!id) {
          out[a] = { state: 'done', ok: false, message: 'No connection was chosen.' };
          return;
        }
        try {
          const r = await call('connections.test', { id });
          out[a] = { state: 'done', ok: r.ok, message: r.message };
        } catch (e) {
          out[a] = { state: 'done', ok: false, message: errorText(e) };
        }
      }),
    );
    setResults(out);
    onResults(Object.values(out).every((r) => r.state === 'done' && r.ok));
  }, [apps, connection, onResults]);

  useEffect(() => {
    void runAll();
  }, [runAll]);

  return (
    <div className="stack">
      <p>Sincro checks that it can reach each app.</p>
      <ul className="test-list">
        {apps.map((a) => {
          const r = results[a];
          return (
            <li key={a} className="card card-pad row" data-app={a}>
              {!r || r.state === 'busy' ? <Loader2 size={18} className="spin" aria-hidden /> : r.ok ? <CheckCircle2 size={18} className="text-ok" aria-hidden /> : <XCircle size={18} className="text-fail" aria-hidden />}
              <div className="stack" style={{ gap: 2 }}>
                <strong>{appName(a)}</strong>
                <span className={`small${r?.state === 'done' && !r.ok ? ' text-fail' : ' muted'}`} role="status">
                  {!r || r.state === 'busy' ? 'Testing…' : r.message}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn" style={{ alignSelf: 'flex-start' }} onClick={() => void runAll()}>
        <RefreshCw size={14} aria-hidden /> Test again
      </button>
    </div>
  );
}
