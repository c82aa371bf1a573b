import type { IdLedger, LedgerEntry } from './services';

/** In a dry run nothing is written; what the run "would write" is remembered for the run only. */
export function dryRunLedger(real: IdLedger): IdLedger {
  const overlay = new Map<string, LedgerEntry>();
  const k = (s: string, e: string, id: string) => `${s}\u0000${e}\u0000${id}`;
  return {
    get: (s, e, id) => overlay.get(k(s, e, id)) ?? real.get(s, e, id),
    begin: () => ({ began: true }),
    busyWith: () => undefined,
    commit: (s, e, id, targetId, hash) => void overlay.set(k(s, e, id), { targetId, hash, state: 'done', updatedAt: new Date().toISOString() }),
    forget: (s, e, id) => overlay.delete(k(s, e, id)),
    forgetTarget: () => 0,
    noteOrigin: () => undefined,
    originOf: (s, e, targetId) => real.originOf(s, e, targetId),
  };
}
