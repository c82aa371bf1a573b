/**
 * Fuzzing the real `sincro serve` process with hostile HTTP requests and WebSocket traffic
 * (fast-check, fixed seeds). After every case the process must be alive, and after every batch an
 * authenticated call must still succeed. No answer may carry a stack trace, no 5xx may come from
 * the host's own last-resort handler (that is a request the host did not expect), and the process
 * must not log any such failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, startServedProcess, type ServedProcess } from '../testing/served-process';
import { httpCaseArb, socketCaseArb, type HttpCase, type SocketCase } from '../testing/web-fuzz-arbitraries';
import { rawUpgrade } from '../testing/websocket-probe';

const HTTP_SEED = 20_261_201;
const SOCKET_SEED = 9_090_909;
const BATCH = 50;
const STACK_TRACE = /\bat (?:[\w.$<>[\] ]+ \()?(?:node:|file:|\/)[^\s)]*:\d+:\d+/;
/** The host's last-resort answer (web-host.ts): seeing it means a handler threw. */
const LAST_RESORT = 'The server could not answer this request.';

let served: ServedProcess;
let stderrBefore = '';
beforeAll(async () => {
  served = await startServedProcess();
  stderrBefore = served.stderr();
}, 90_000);
afterAll(async () => {
  await served.close();
});

/** What is wrong with an answer, or undefined. */
function answerProblem(text: string): string | undefined {
  if (STACK_TRACE.test(text)) return `the answer carries a stack trace: ${text.slice(0, 600)}`;
  const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
  for (const status of statuses.filter((s) => s >= 500)) {
    const at = text.search(new RegExp(`^HTTP/1\\.1 ${status}`, 'm'));
    const afterHead = text.indexOf('\r\n\r\n', at);
    const length = Number(/content-length: (\d+)/i.exec(text.slice(at, afterHead))?.[1] ?? -1);
    const body = text.slice(afterHead + 4, length >= 0 ? afterHead + 4 + length : undefined);
    let parsed: { error?: unknown; code?: unknown };
    try {
      parsed = JSON.parse(body) as { error?: unknown; code?: unknown };
    } catch {
      return `a ${status} answer is not JSON in the API's error shape: ${body.slice(0, 300)}`;
    }
    if (typeof parsed.error !== 'string' || parsed.code !== 'failed') return `a ${status} answer is not in the API's error shape: ${body.slice(0, 300)}`;
    if (parsed.error === LAST_RESORT) return `a handler threw (the host's last-resort 500)`;
  }
  return undefined;
}

async function healthProblem(): Promise<string | undefined> {
  if (!served.alive()) return `sincro serve ended; its stderr:\n${served.stderr()}`;
  const r = await served.call('flows.list', {});
  if (r.status !== 200 || !Array.isArray(r.body.result)) return `an authenticated flows.list answered ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  const logged = served.stderr().slice(stderrBefore.length);
  if (logged) return `sincro serve logged: ${logged.slice(0, 600)}`;
  return undefined;
}

/** Runs the cases, checking each and every batch; throws with the seed and the case that failed. */
async function fuzz<T extends HttpCase | SocketCase>(name: string, arb: fc.Arbitrary<T>, seed: number, numRuns: number, exchange: (c: T) => Promise<{ text: string; timedOut: boolean }>) {
  const started = Date.now();
  const statuses = new Map<string, number>();
  let failure = '';
  let n = 0;
  const property = fc.asyncProperty(arb, async (c) => {
    const r = await exchange(c);
    const status = /^HTTP\/1\.1 (\d{3})/.exec(r.text)?.[1] ?? (r.timedOut ? 'timeout' : 'closed');
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const problem = (r.timedOut ? 'no answer and no close within the wait' : undefined) ?? answerProblem(r.text) ?? (served.alive() ? undefined : `sincro serve ended; its stderr:\n${served.stderr()}`) ?? (++n % BATCH === 0 ? await healthProblem() : undefined);
    if (problem) failure = `${problem}\n  case: ${c.summary}`;
    return !problem;
  });
  const details = await fc.check(property, { seed, numRuns, endOnFailure: true });
  const summary = [...statuses].sort().map(([s, k]) => `${s}×${k}`).join(' ');
  console.log(`${name}: ${details.numRuns} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}); answers ${summary}`);
  if (details.failed) throw new Error(`${name} failed (seed ${seed}, path ${details.counterexamplePath ?? '?'}) after ${details.numRuns} cases: ${failure || String(details.errorInstance)}`);
  expect(await healthProblem()).toBeUndefined();
}

describe('sincro serve under fuzzed traffic', () => {
  it('survives 600 random HTTP requests: paths, methods, headers, bodies', async () => {
    await fuzz('HTTP', httpCaseArb(served), HTTP_SEED, 600, (c) => rawExchange(served.port, c.bytes, { waitMs: 10_000, halfClose: c.incomplete }));
  }, 180_000);

  it('survives 300 random WebSocket handshakes and frames', async () => {
    await fuzz('WebSocket', socketCaseArb(served), SOCKET_SEED, 300, async (c) => {
      const r = await rawUpgrade(served.port, { path: c.path, headers: c.headers, afterUpgrade: c.frames, eager: c.eager, halfClose: true, waitMs: 10_000 });
      return { text: r.handshake + (r.rest ? `\r\n\r\n${r.rest}` : ''), timedOut: r.timedOut };
    });
  }, 180_000);
});
