/**
 * Client-side pacing for Teamleader's limit of 200 requests per sliding minute per integration and
 * account ([S] §4.3). Every request of one client (or of every client that shares the limiter, e.g.
 * several flows on the same account) waits here for a free slot, so records are not failed by 429.
 *
 * The server counts a request when it arrives, we count it when we send it; a small margin absorbs
 * the difference so our window never frees a slot before Teamleader's does. The headers of every
 * answer correct our picture when someone else (another integration instance) uses the same budget,
 * and a 429 that comes anyway pauses every request of this limiter until Teamleader's reset time.
 */
import { abortableSleep } from '../../util/retry';

export interface RateLimiterOptions {
  /** Requests per window; Teamleader documents 200. */
  limit?: number;
  /** Sliding window length; Teamleader documents one minute. */
  windowMs?: number;
  /** Extra wait added after a slot frees up, for clock and latency differences. */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RateLimitObservation {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the oldest counted request leaves Teamleader's window. */
  resetAt?: number;
}

export class SlidingWindowRateLimiter {
  private readonly configuredLimit: number;
  private limit: number;
  readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Send times of the requests still inside the window, oldest first. */
  private stamps: number[] = [];
  private pausedUntil = 0;
  /** Waiters are served one at a time, in arrival order. */
  private turn: Promise<void> = Promise.resolve();

  constructor(opts: RateLimiterOptions = {}) {
    this.configuredLimit = opts.limit ?? 200;
    this.limit = this.configuredLimit;
    this.windowMs = opts.windowMs ?? 60_000;
    this.marginMs = opts.marginMs ?? 250;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
  }

  /** Waits for a free slot and takes it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      for (;;) {
        signal?.throwIfAborted();
        const now = this.now();
        if (now < this.pausedUntil) {
          await this.sleep(this.pausedUntil - now, signal);
          continue;
        }
        this.prune(now);
        if (this.stamps.length < this.limit) {
          this.stamps.push(now);
          return;
        }
        const oldest = this.stamps[0] ?? now;
        await this.sleep(Math.max(1, oldest + this.windowMs + this.marginMs - now), signal);
      }
    } finally {
      release();
    }
  }

  /** Learns from the X-RateLimit-* headers of an answer. */
  observe(o: RateLimitObservation): void {
    const now = this.now();
    // The server's number is authoritative, but never go above what the caller configured.
    if (o.limit !== undefined && o.limit > 0) this.limit = Math.min(this.configuredLimit, o.limit);
    if (o.remaining === undefined) return;
    this.prune(now);
    const localRemaining = this.limit - this.stamps.length;
    if (o.remaining < localRemaining) {
      // Someone else spends the same budget. When their requests were made is unknown; the reset
      // time says when the oldest counted request leaves the window, so theirs are taken to leave
      // then. If that is optimistic, the next 429 pauses us until Teamleader's reset anyway.
      const leaves = o.resetAt !== undefined && o.resetAt > now && o.resetAt <= now + this.windowMs ? o.resetAt : now + this.windowMs;
      const stamp = leaves - this.windowMs;
      for (let i = 0; i < localRemaining - o.remaining; i++) this.stamps.push(stamp);
      this.stamps.sort((a, b) => a - b);
    }
    if (o.remaining <= 0 && o.resetAt !== undefined) this.pauseUntil(o.resetAt + this.marginMs);
  }

  /** Holds every request of this limiter until the given time (after a 429). */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** For logs and tests. */
  snapshot(): { limit: number; inWindow: number; pausedForMs: number } {
    const now = this.now();
    this.prune(now);
    return { limit: this.limit, inWindow: this.stamps.length, pausedForMs: Math.max(0, this.pausedUntil - now) };
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs - this.marginMs;
    let drop = 0;
    while (drop < this.stamps.length && (this.stamps[drop] ?? 0) <= cutoff) drop++;
    if (drop) this.stamps.splice(0, drop);
  }
}

/**
 * Reads Teamleader's rate-limit headers. `X-RateLimit-Reset` is a datetime such as
 * `2021-06-15T10:51:23.035+0100` ([S]); epoch seconds are accepted too ([I], seen in other APIs).
 */
export function readRateLimitHeaders(get: (name: string) => string | undefined): RateLimitObservation {
  const out: RateLimitObservation = {};
  const limit = Number(get('x-ratelimit-limit'));
  if (get('x-ratelimit-limit') && Number.isFinite(limit)) out.limit = limit;
  const remaining = Number(get('x-ratelimit-remaining'));
  if (get('x-ratelimit-remaining') && Number.isFinite(remaining)) out.remaining = remaining;
  const reset = parseResetHeader(get('x-ratelimit-reset'));
  if (reset !== undefined) out.resetAt = reset;
  return out;
}

export function parseResetHeader(value: string | undefined): number | undefined {
  if (!value?.trim()) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    // Epoch seconds (10 digits) or epoch milliseconds (13 digits).
    return n > 1e12 ? n : n * 1000;
  }
  // "+0100" is not ISO 8601 extended format; make it "+01:00" so every engine parses it.
  const normalised = v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = Date.parse(normalised);
  return Number.isNaN(at) ? undefined : at;
}
