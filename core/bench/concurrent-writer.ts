/** Starts purge-writer.ts as a child process on a data folder and collects its report. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PurgeStep } from '../store/retention';

/** How often the writer writes its records (a live run writes once a second; this is harsher). */
export const FLUSH_EVERY_MS = 20;

export interface WriterReport {
  runId: string;
  flushes: number;
  records: number;
  /** The longest wait for the file's write lock before a write (what a purge holding it costs). */
  longestLockWaitMs: number;
  /** The longest write, the lock wait included. */
  longestFlushMs: number;
  /** The longest time from the end of one flush to the end of the next. */
  longestGapMs: number;
  /** Each wait for the lock of 20 ms or more: when (epoch ms), how long, and how long of it this process itself waited for a CPU. */
  longWaits: Array<{ at: number; ms: number; cpuWaitMs: number }>;
}

export interface ConcurrentWriter {
  pid: number | undefined;
  /** Ends the run and resolves with what the writer measured. */
  stop(): Promise<WriterReport>;
}

export async function startConcurrentWriter(dataDir: string): Promise<ConcurrentWriter> {
  const script = fileURLToPath(new URL('./purge-writer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the writer did not start within 60 s: ${err}`)), 60_000);
    child.stdout.on('data', () => {
      if (out.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the writer ended with ${code} before it started: ${err}`));
    });
  });
  return {
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) throw new Error(`the writer ended with ${code}: ${err}`);
      return JSON.parse(line) as WriterReport;
    },
  };
}

/**
 * The longest time the purge held one of the writer's writes up: each of its waits for the lock,
 * less the time either process only waited for a CPU (the writer in its wait, the purge in its
 * steps during the wait), which a loaded machine adds with or without a purge.
 */
export function longestHeldUpByPurge(report: WriterReport, steps: readonly PurgeStep[]): number {
  let longest = 0;
  for (const w of report.longWaits) {
    let purgeCpuWait = 0;
    for (const s of steps) {
      const overlap = Math.min(w.at + w.ms, s.at + s.ms) - Math.max(w.at, s.at);
      if (overlap > 0) purgeCpuWait += Math.min(overlap, s.cpuWaitMs);
    }
    longest = Math.max(longest, w.ms - w.cpuWaitMs - purgeCpuWait);
  }
  return longest;
}
