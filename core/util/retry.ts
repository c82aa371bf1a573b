/**
 * Retry with exponential backoff and full jitter, shared by every client that talks to a remote
 * system (HTTP target, MplusKASSA, Teamleader). A decision function says whether an error is worth
 * retrying and, when the server said so (Retry-After, X-RateLimit-Reset), how long to wait.
 */
export interface RetryDecision {
  retry: boolean;
  /** Wait at least this long before the next attempt (e.g. from a Retry-After header). */
  afterMs?: number;
}

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  baseMs: number;
  maxMs: number;
  decide(error: unknown, attempt: number): RetryDecision;
  signal?: AbortSignal;
  /** Called before each wait, for logs and tests. */
  onRetry?(error: unknown, attempt: number, waitMs: number): void;
  /** Injectable for tests that must not wait; defaults to a real timer. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export const defaultRetry = { retries: 5, baseMs: 250, maxMs: 30_000 } as const;

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? abortableSleep;
  for (let attempt = 0; ; attempt++) {
    opts.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= opts.retries || opts.signal?.aborted) throw error;
      const decision = opts.decide(error, attempt);
      if (!decision.retry) throw error;
      const backoff = Math.random() * Math.min(opts.maxMs, opts.baseMs * 2 ** attempt);
      const waitMs = Math.min(opts.maxMs, Math.max(decision.afterMs ?? 0, backoff));
      opts.onRetry?.(error, attempt, waitMs);
      await sleep(waitMs, opts.signal);
    }
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
