/**
 * Fault injection for the sandboxes, so clients and flows can be tested against a misbehaving
 * vendor. One spec format for both sandboxes (`sincro sandbox --faults …`), comma-separated:
 *
 *   error5xx=0.1      share of requests answered with a server error (0..1)
 *   burst429=5/50     after every 50 requests, the next 5 are refused with 429 (rate limited)
 *   latency=20-80     added latency in ms, uniform in the range (or one number)
 *   malformed=0.02    share answered 200 with a body that is not valid XML/JSON
 *   drop=0.02         share whose connection is closed without an answer
 *   seed=7            makes the random choices repeatable
 *
 * Each sandbox turns a decision into its own wire format (a SOAP Server fault, a JSON error body).
 * The `/__sandbox/*` control paths are never faulted.
 */
import { prng } from './demo-shop';

export interface FaultSpec {
  error5xx: number;
  burst429: { count: number; every: number } | null;
  latencyMs: [number, number];
  malformed: number;
  drop: number;
  seed: number;
}

export type FaultKind = 'none' | 'error5xx' | 'rate429' | 'malformed' | 'drop';

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
}

export const noFaults: FaultSpec = { error5xx: 0, burst429: null, latencyMs: [0, 0], malformed: 0, drop: 0, seed: 1 };

export class FaultSpecError extends Error {}

export function parseFaults(spec: string | undefined): FaultSpec {
  const out: FaultSpec = { ...noFaults, latencyMs: [0, 0] };
  if (!spec?.trim()) return out;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=', 2) as [string, string | undefined];
    if (value === undefined) throw new FaultSpecError(`fault "${part}" has no value; write it as name=value, e.g. error5xx=0.1`);
    const share = () => {
      const n = Number(value);
      if (!(n >= 0 && n <= 1)) throw new FaultSpecError(`fault ${name}=${value}: expected a share between 0 and 1`);
      return n;
    };
    switch (name) {
      case 'error5xx':
        out.error5xx = share();
        break;
      case 'malformed':
        out.malformed = share();
        break;
      case 'drop':
        out.drop = share();
        break;
      case 'burst429': {
        const m = /^(\d+)\/(\d+)$/.exec(value);
        if (!m || Number(m[2]) < 1) throw new FaultSpecError(`fault burst429=${value}: expected COUNT/EVERY, e.g. 5/50`);
        out.burst429 = { count: Number(m[1]), every: Number(m[2]) };
        break;
      }
      case 'latency': {
        const m = /^(\d+)(?:-(\d+))?$/.exec(value);
        if (!m) throw new FaultSpecError(`fault latency=${value}: expected milliseconds, e.g. 50 or 20-80`);
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        if (hi < lo) throw new FaultSpecError(`fault latency=${value}: the upper bound is below the lower bound`);
        out.latencyMs = [lo, hi];
        break;
      }
      case 'seed':
        if (!/^\d+$/.test(value)) throw new FaultSpecError(`fault seed=${value}: expected a whole number`);
        out.seed = Number(value);
        break;
      default:
        throw new FaultSpecError(`unknown fault "${name}"; known: error5xx, burst429, latency, malformed, drop, seed`);
    }
  }
  if (out.error5xx + out.malformed + out.drop > 1) throw new FaultSpecError('the shares of error5xx, malformed and drop add up to more than 1');
  return out;
}

export class FaultInjector {
  private readonly random: () => number;
  private count = 0;

  constructor(private spec: FaultSpec = noFaults) {
    this.random = prng(spec.seed);
  }

  /** Replaces the spec at run time (e.g. from a test); the request counter restarts. */
  configure(spec: FaultSpec): void {
    this.spec = spec;
    this.count = 0;
  }

  get current(): FaultSpec {
    return this.spec;
  }

  /** One decision per vendor request. */
  next(): FaultDecision {
    const s = this.spec;
    const [lo, hi] = s.latencyMs;
    const latencyMs = lo + Math.floor(this.random() * (hi - lo + 1));
    const n = this.count++;
    if (s.burst429 && n % (s.burst429.every + s.burst429.count) >= s.burst429.every) return { kind: 'rate429', latencyMs };
    const r = this.random();
    if (r < s.error5xx) return { kind: 'error5xx', latencyMs };
    if (r < s.error5xx + s.malformed) return { kind: 'malformed', latencyMs };
    if (r < s.error5xx + s.malformed + s.drop) return { kind: 'drop', latencyMs };
    return { kind: 'none', latencyMs };
  }
}
