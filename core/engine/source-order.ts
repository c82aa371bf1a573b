/**
 * Sources that read after others (NodeType.readsAfter). A Teamleader credit note is booked only
 * where the invoice it credits is; when both are new, the invoice goes in the same run, and a
 * credit note read at the same time reached its look-up first and failed, waiting for the next
 * run. So such a source starts once the flow's sources it names have read their last record and
 * every copy of those records has ended (sent, skipped or failed): what they wrote is there.
 *
 * Waiting cannot block the records it waits for: the waiting source has sent nothing yet, and no
 * node holds records back until its input ends. A source waits only for sources that wait for
 * nobody, so two cannot wait for each other. A run that stops wakes every waiting source.
 */
import type { PreparedFlow } from '../flow/validate-flow';

export interface SourceOrder {
  /** Copies of a source's records that set out (a record sent down n branches is n copies). */
  setOut(source: string, copies: number): void;
  /** One copy of a source's record ended. */
  ended(source: string): void;
  /** The source read its last record (or never ran). */
  sourceDone(source: string): void;
  /** The sources `nodeId` reads after (empty: it starts at once). */
  after(nodeId: string): string[];
  /** Resolves when the sources `nodeId` reads after are through, or the run stops. */
  wait(nodeId: string, signal: AbortSignal): Promise<void>;
}

/** Undefined when no source of the flow reads after another: the runner then counts nothing. */
export function sourceOrder(flow: PreparedFlow): SourceOrder | undefined {
  // A source switched off reads nothing: it neither waits nor is waited for.
  const sourceIds = flow.order.filter((id) => flow.nodes.get(id)?.def.kind === 'source' && flow.nodes.get(id)?.enabled);
  const typeOf = (id: string) => flow.nodes.get(id)?.def.type;
  const wantedTypes = (id: string) => {
    const prepared = flow.nodes.get(id);
    return new Set(prepared?.def.readsAfter?.(prepared.config) ?? []);
  };
  const waitsFor = new Map<string, string[]>();
  for (const id of sourceIds) {
    const types = wantedTypes(id);
    if (!types.size) continue;
    const before = sourceIds.filter((other) => other !== id && types.has(typeOf(other) ?? '') && !wantedTypes(other).size);
    if (before.length) waitsFor.set(id, before);
  }
  if (!waitsFor.size) return undefined;

  const live = new Map<string, number>();
  const done = new Set<string>();
  const wakers = new Set<() => void>();
  const wake = () => wakers.forEach((w) => w());
  const through = (id: string) => done.has(id) && !live.get(id);

  return {
    setOut: (source, copies) => live.set(source, (live.get(source) ?? 0) + copies),
    ended: (source) => {
      const left = (live.get(source) ?? 0) - 1;
      live.set(source, left);
      if (left === 0 && done.has(source)) wake();
    },
    sourceDone: (source) => {
      done.add(source);
      wake();
    },
    after: (nodeId) => waitsFor.get(nodeId) ?? [],
    wait: (nodeId, signal) =>
      new Promise<void>((resolve) => {
        const before = waitsFor.get(nodeId) ?? [];
        const check = () => {
          if (!signal.aborted && !before.every(through)) return;
          wakers.delete(check);
          signal.removeEventListener('abort', check);
          resolve();
        };
        wakers.add(check);
        signal.addEventListener('abort', check, { once: true });
        check();
      }),
  };
}
