/**
 * How long the flow's last real run took (not a dry run, not cancelled), from the run history:
 * what a schedule's interval is compared with. Null while loading or when it has not run yet.
 */
import { useEffect, useState } from 'react';
import { call } from '../api/call';

/** Runs looked at for the last finished one (a flow's latest runs may be dry runs). */
const LOOKED_AT = 20;

export function useLastRunTook(flowId: string | undefined): number | null {
  const [took, setTook] = useState<number | null>(null);
  useEffect(() => {
    if (!flowId) return;
    let live = true;
    call('runs.list', { flowId, limit: LOOKED_AT })
      .then((runs) => {
        const last = runs.find((r) => !r.dryRun && r.finishedAt && r.status !== 'cancelled' && r.status !== 'running');
        if (live) setTook(last?.finishedAt ? Date.parse(last.finishedAt) - Date.parse(last.startedAt) : null);
      })
      .catch(() => live && setTook(null));
    return () => {
      live = false;
    };
  }, [flowId]);
  return took;
}
