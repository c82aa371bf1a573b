/**
 * Signing in to an app (Teamleader) for a connection, in either host. The desktop app opens the
 * sign-in page in the OS browser; in the browser host the page opens in a new tab, opened at
 * once within the click (a tab opened after waiting for the host would be blocked as a pop-up).
 * Then the answer is waited for: the tokens saved and the connection tested, or why not.
 */
import type { ConnectionKindInfo, ConnectionTestInfo } from '../../../core/api/contract';
import { call } from '../api/call';
import { useCatalogStore } from '../state/useCatalogStore';
import { useConnectionStore } from '../state/useConnectionStore';

export interface SignInStarted {
  url: string;
  redirectUri: string;
  /** The page was opened (a new tab, or the OS browser); otherwise the screen offers it as a link. */
  opened: boolean;
}

export async function signInWithApp(connectionId: string, onStarted: (s: SignInStarted) => void, isStopped: () => boolean = () => false): Promise<ConnectionTestInfo | null> {
  const web = useCatalogStore.getState().info?.host !== 'electron';
  const tab = web ? window.open('', '_blank') : null;
  let started: SignInStarted;
  try {
    started = await call('connections.signIn', { id: connectionId });
  } catch (e) {
    tab?.close();
    throw e;
  }
  if (tab) {
    // The app's page must not be able to steer this window.
    tab.opener = null;
    tab.location.href = started.url;
  }
  onStarted({ ...started, opened: started.opened || !!tab });
  for (;;) {
    if (isStopped()) return null;
    const r = await call('connections.signInResult', { id: connectionId, waitMs: 20_000 });
    if (r.state === 'waiting') continue;
    void useConnectionStore.getState().refresh();
    if (r.state === 'none') return null;
    return { ok: r.ok, message: r.message, at: r.at };
  }
}

/** The redirect address to register with the app, for the settings as typed (before saving). */
export function redirectAddress(kind: Pick<ConnectionKindInfo, 'signIn' | 'configSchema'>, config: Record<string, unknown>): string | null {
  if (!kind.signIn) return null;
  const { portSetting, redirectPath } = kind.signIn;
  const schema = kind.configSchema as { properties?: Record<string, { default?: unknown }> } | undefined;
  const port = config[portSetting] ?? schema?.properties?.[portSetting]?.default;
  // Port 0 is a free port at each sign-in (a sandbox's): no fixed address to register.
  if (port === 0) return null;
  return `http://127.0.0.1:${typeof port === 'number' ? port : '…'}${redirectPath}`;
}
