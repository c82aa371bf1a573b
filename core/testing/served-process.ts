/**
 * The real `sincro serve` in a child process, over a store and a small built screen in a temp
 * folder, for tests that throw hostile input at it: whether the process survives is only
 * meaningful when it is a process of its own, not the test runner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { tempDir } from './golden';

export interface ServedProcess {
  url: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  alive(): boolean;
  /** An API call as the screen makes it (with the token). */
  call(method: string, input: unknown): Promise<{ status: number; body: { result?: unknown; error?: string; code?: string } }>;
  close(): Promise<void>;
}

export async function startServedProcess(): Promise<ServedProcess> {
  const dir = tempDir('sincro-serve-');
  const web = join(dir.path, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Sincro</title><script src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("sincro");');
  const child = spawn(process.execPath, [resolve('bin/sincro.js'), '--data-dir', join(dir.path, 'data'), 'serve', '--port', '0', '--static', web], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const openUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`sincro serve did not start within 60 s: ${out}${err}`));
    }, 60_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`sincro serve ended with ${code} before it served: ${out}${err}`));
    });
  });
  const url = openUrl.slice(0, openUrl.indexOf('#'));
  const token = openUrl.slice(openUrl.indexOf('#token=') + '#token='.length);
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  // A test worker that ends without its afterAll (a timeout, a crash) must not leave a server behind.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port: Number(new URL(url).port),
    token,
    child,
    stderr: () => err,
    alive,
    async call(method, input) {
      const res = await fetch(`${url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sincro-token': token }, body: JSON.stringify(input) });
      return { status: res.status, body: (await res.json()) as { result?: unknown; error?: string; code?: string } };
    },
    async close() {
      process.off('exit', orphanGuard);
      if (alive()) {
        child.kill('SIGTERM');
        await exited;
      }
      dir.remove();
    },
  };
}

export interface RawAnswer {
  /** What came back, as latin1 (so any byte survives). */
  text: string;
  /** True when the server neither answered in full nor closed the connection within `waitMs`. */
  timedOut: boolean;
}

/**
 * Writes raw bytes to the port and collects what comes back until the server closes the connection
 * or `waitMs` passes (then the connection is closed from this side). `halfClose` ends the sending
 * side after the bytes, as a client that gives up mid-request does. Never rejects: a reset is an
 * answer too.
 */
export function rawExchange(port: number, data: Buffer | string, opts: { waitMs?: number; halfClose?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolveAnswer) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let done = false;
    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolveAnswer({ text: Buffer.concat(chunks).toString('latin1'), timedOut });
    };
    const timer = setTimeout(() => finish(true), opts.waitMs ?? 1500);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.write(data, () => undefined);
    if (opts.halfClose) socket.end();
  });
}
