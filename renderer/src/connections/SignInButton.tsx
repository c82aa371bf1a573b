/**
 * "Sign in with Teamleader": one button in every host (signIn.ts), the redirect address to
 * register beside it, and while waiting a link to the sign-in page in case no tab opened.
 */
import { ExternalLink, LogIn } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionInfo, ConnectionTestInfo } from '../../../core/api/contract';
import { errorText } from '../api/call';
import { appName } from '../lib/words';
import { signInWithApp, type SignInStarted } from './signIn';

interface SignInButtonProps {
  connection: Pick<ConnectionInfo, 'id' | 'name' | 'redirectUri'>;
  app: string;
  onDone?(result: ConnectionTestInfo): void;
  primary?: boolean;
  /** The redirect address to register (left out once signed in). */
  showRedirect?: boolean;
}

export function SignInButton({ connection, app, onDone, primary, showRedirect = true }: SignInButtonProps) {
  const [waiting, setWaiting] = useState<SignInStarted | 'starting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const gone = useRef(false);
  useEffect(() => {
    gone.current = false;
    return () => {
      gone.current = true;
    };
  }, []);

  const start = () => {
    setError(null);
    setWaiting('starting');
    signInWithApp(connection.id, (s) => !gone.current && setWaiting(s), () => gone.current)
      .then((r) => {
        if (gone.current) return;
        setWaiting(null);
        if (r) onDone?.(r);
      })
      .catch((e: unknown) => {
        if (gone.current) return;
        setWaiting(null);
        setError(errorText(e));
      });
  };

  return (
    <div className="stack sign-in" style={{ gap: 6 }}>
      <div className="row wrap">
        <button type="button" className={`btn btn-sm${primary ? ' btn-primary' : ''}`} onClick={start} disabled={waiting === 'starting'}>
          <LogIn size={14} aria-hidden /> Sign in with {appName(app)}
        </button>
        {waiting && waiting !== 'starting' ? (
          <span className="small muted" role="status">
            Waiting for you to sign in to {appName(app)}{waiting.opened ? ' in the page that opened' : ''}…{' '}
            <a href={waiting.url} target="_blank" rel="noreferrer noopener">
              Open the sign-in page{waiting.opened ? ' again' : ''} <ExternalLink size={12} aria-hidden />
            </a>
          </span>
        ) : null}
      </div>
      {showRedirect && connection.redirectUri ? (
        <p className="small muted">
          {appName(app)} sends you back to <code className="mono">{connection.redirectUri}</code>: register this redirect address in your {appName(app)} integration first.
        </p>
      ) : null}
      {error ? (
        <p className="small text-fail" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
