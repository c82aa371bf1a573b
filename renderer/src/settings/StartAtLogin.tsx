/** Settings: start Sincro at login (the desktop app only; the section is absent elsewhere). */
import { useEffect, useState } from 'react';
import type { LoginItemState } from '../../../core/api/contract';
import { call, errorText } from '../api/call';
import { Toggle } from '../ui/Toggle';

export function StartAtLogin() {
  const [state, setState] = useState<LoginItemState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('loginItem.get', {})
      .then(setState)
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  const change = (openAtLogin: boolean) =>
    call('loginItem.set', { openAtLogin })
      .then((s) => (setState(s), setError(null)))
      .catch((e: unknown) => setError(errorText(e)));

  if (!state?.available && !error) return null;
  return (
    <section className="card card-pad stack" aria-labelledby="login-title">
      <h2 id="login-title" style={{ fontSize: 'var(--text-lg)' }}>
        Background
      </h2>
      {state ? (
        <Toggle
          checked={state.openAtLogin}
          onChange={(on) => void change(on)}
          label="Start Sincro when I log in"
          help="It starts in the tray with its window closed, so scheduled flows run without anyone opening it."
        />
      ) : null}
      {error ? <p className="text-fail small">{error}</p> : null}
    </section>
  );
}
