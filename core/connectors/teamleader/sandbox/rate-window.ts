/**
 * The sandbox's rate limit: N requests per sliding window per account (Teamleader: 200 per minute
 * per integration and account, [S] §4.3). A refused request is not counted. The headers go on every
 * API answer; `X-RateLimit-Reset` is when the oldest counted request leaves the window.
 */
export interface RateWindowOptions {
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
}

export class RateWindow {
  private stamps: number[] = [];

  constructor(
    private readonly opts: RateWindowOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(): RateDecision {
    const now = this.now();
    while (this.stamps.length && (this.stamps[0] ?? 0) <= now - this.opts.windowMs) this.stamps.shift();
    const allowed = this.stamps.length < this.opts.limit;
    if (allowed) this.stamps.push(now);
    const oldest = this.stamps[0] ?? now;
    return { allowed, limit: this.opts.limit, remaining: Math.max(0, this.opts.limit - this.stamps.length), resetAt: oldest + this.opts.windowMs };
  }

  /** What the headers say without counting a request (for answers refused before counting). */
  peek(): RateDecision {
    const now = this.now();
    while (this.stamps.length && (this.stamps[0] ?? 0) <= now - this.opts.windowMs) this.stamps.shift();
    const oldest = this.stamps[0] ?? now;
    return { allowed: this.stamps.length < this.opts.limit, limit: this.opts.limit, remaining: Math.max(0, this.opts.limit - this.stamps.length), resetAt: oldest + this.opts.windowMs };
  }
}

/** "2021-06-15T10:51:23.035+00:00", the documented form (a datetime with milliseconds). */
export function resetHeader(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+00:00');
}
