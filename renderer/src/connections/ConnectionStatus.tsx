/** A connection's last test (or sign-in), kept with it: what it answered and when. */
import { CheckCircle2, CircleDashed, XCircle } from 'lucide-react';
import type { ConnectionTestInfo } from '../../../core/api/contract';
import { formatDateTime, formatWhen } from '../lib/words';

export function ConnectionStatus({ test, busy, untested = 'Not tested yet.' }: { test: ConnectionTestInfo | null | undefined; busy?: string | null; untested?: string }) {
  if (busy) {
    return (
      <p className="row small muted conn-status" role="status">
        <CircleDashed size={14} className="spin" aria-hidden /> {busy}
      </p>
    );
  }
  if (!test) {
    return (
      <p className="row small muted conn-status" role="status">
        <CircleDashed size={14} aria-hidden /> {untested}
      </p>
    );
  }
  return (
    <p className={`row small conn-status ${test.ok ? 'text-ok' : 'text-fail'}`} role="status">
      {test.ok ? <CheckCircle2 size={14} aria-hidden /> : <XCircle size={14} aria-hidden />}
      <span>
        <strong>{test.ok ? 'Works' : 'Does not work'}</strong>: {test.message}{' '}
        <span className="muted" title={formatDateTime(test.at)}>
          (tested {formatWhen(test.at)})
        </span>
      </span>
    </p>
  );
}
