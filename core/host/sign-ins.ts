/**
 * The browser sign-ins going on in a host (Teamleader's OAuth), one per connection: started by
 * connections.signIn, answered by connections.signInResult. A new attempt for a connection cancels
 * the one before (and waits until its redirect listener has let go of the port).
 */
import type { ConnectionTestInfo } from '../api/contract';
import type { SignInAttempt } from '../connectors/connection-kind';

interface Pending {
  attempt: SignInAttempt;
  /** The answer once kept with the connection. */
  answer: Promise<ConnectionTestInfo>;
  settled?: ConnectionTestInfo;
}

export type SignInState = { state: 'waiting' } | ({ state: 'done' } & ConnectionTestInfo) | { state: 'none' };

export class SignIns {
  private readonly pending = new Map<string, Pending>();

  /** Starts an attempt; `keep` stores its answer with the connection when it comes. */
  async start(connectionId: string, begin: () => Promise<SignInAttempt>, keep: (answer: { ok: boolean; message: string }) => ConnectionTestInfo): Promise<SignInAttempt> {
    const before = this.pending.get(connectionId);
    if (before) {
      this.pending.delete(connectionId);
      before.attempt.cancel();
      await before.attempt.done;
    }
    const attempt = await begin();
    const entry: Pending = { attempt, answer: Promise.resolve({ ok: false, message: '', at: '' }) };
    entry.answer = attempt.done.then((answer) => {
      // A cancelled attempt (replaced by a newer one) tells nobody.
      const kept = this.pending.get(connectionId) === entry ? keep(answer) : { ...answer, at: new Date().toISOString() };
      entry.settled = kept;
      return kept;
    });
    this.pending.set(connectionId, entry);
    return attempt;
  }

  /** The answer of the connection's latest attempt, waiting for it up to `waitMs`. */
  async result(connectionId: string, waitMs: number): Promise<SignInState> {
    const entry = this.pending.get(connectionId);
    if (!entry) return { state: 'none' };
    if (!entry.settled) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([entry.answer, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return entry.settled ? { state: 'done', ...entry.settled } : { state: 'waiting' };
  }

  /** Stops every attempt (the host is stopping). */
  async cancelAll(): Promise<void> {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.attempt.cancel();
    await Promise.allSettled(all.map((p) => p.attempt.done));
  }
}
