/**
 * Client-side pacing for Teamleader's limit of 200 requests per sliding minute per integration and
 * account ([S] §4.3). Every request of one client (or of every client that shares the limiter, e.g.
 * several flows on the same account) waits here for a free slot, so records are not failed by 429.
 *
 * The server counts a request when it arrives, which we cannot see. It arrived before its answer
 * came back, so a request counts here from the moment it is answered, and until then it holds its
 * slot: our window never frees a slot before Teamleader's does, however slow the network or the
 * machine. (Counting from the send, as this did first, let a delayed request arrive inside the
 * server's window after ours had moved on; a loaded CI machine showed it.) The headers of every
 * answer correct our picture when someone else (another integration instance) uses the same budget,
 * and a 429 that comes anyway pauses every request of this limiter until Teamleader's reset time.
 */
import { abortableSleep } from '../../util/retry';

export interface RateLimiterOptions {
  /** Requests per window; Teamleader documents 200. */
  limit?: number;
  /** Sliding window length; Teamleader documents one minute. */
  windowMs?: number;
  /** Extra wait added after a slot frees up, for clock differences. */
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

/** Called when the request's answer (or its failure) arrived; from then on it ages out of the window. */
export type AnsweredSlot = () => void;

/** A request in the window: counted from its answer, or held while it is still in flight. */
interface Stamp {
  at: number;
  inFlight: boolean;
}

export class SlidingWindowRateLimiter {
  private readonly configuredLimit: number;
  private limit: number;
  readonly windowMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The requests still inside the window, in the order they were sent. */
  private stamps: Stamp[] = [];
  private pausedUntil = 0;
  /** Waiters are served one at a time, in arrival order. */
  private turn: Promise<void> = Promise.resolve();
  /** Wakes the waiter when a request is answered, if every counted one was in flight. */
  private wakeOnAnswer: (() => void) | undefined;

  constructor(opts: RateLimiterOptions = {}) {
    this.configuredLimit = opts.limit ?? 200;
    this.limit = this.configuredLimit;
    this.windowMs = opts.windowMs ?? 60_000;
    this.marginMs = opts.marginMs ?? 250;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? abortableSleep;
  }

  /**
   * Waits for a free slot and takes it. Call what it returns as soon as the request is answered or
   * has failed: until then the slot stays taken.
   */
  async acquire(signal?: AbortSignal): Promise<AnsweredSlot> {
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
          const stamp: Stamp = { at: now, inFlight: true };
          this.stamps.push(stamp);
          return () => {
            if (!stamp.inFlight) return;
            stamp.inFlight = false;
            stamp.at = this.now();
            this.wakeOnAnswer?.();
          };
        }
        const wait = this.untilASlotFrees(now);
        await (wait === undefined ? this.anAnswer(signal) : this.sleep(wait, signal));
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
      const at = leaves - this.windowMs;
      for (let i = 0; i < localRemaining - o.remaining; i++) this.stamps.push({ at, inFlight: false });
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
    if (this.stamps.some((s) => !s.inFlight && s.at <= cutoff)) this.stamps = this.stamps.filter((s) => s.inFlight || s.at > cutoff);
  }

  /** The wait until the first answered request leaves the window; undefined while none is answered. */
  private untilASlotFrees(now: number): number | undefined {
    let first = Infinity;
    for (const s of this.stamps) if (!s.inFlight && s.at < first) first = s.at;
    return first === Infinity ? undefined : Math.max(1, first + this.windowMs + this.marginMs - now);
  }

  private anAnswer(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        this.wakeOnAnswer = undefined;
        signal?.removeEventListener('abort', aborted);
      };
      const aborted = (): void => {
        done();
        reject(signal?.reason);
      };
      this.wakeOnAnswer = () => {
        done();
        resolve();
      };
      signal?.addEventListener('abort', aborted, { once: true });
    });
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
