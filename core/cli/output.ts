/** Printing for the CLI: aligned tables, plain summaries, and a one-line progress display. */
import type { FlowProblem } from '../api/flow-document';
import { totalOut, type RunEvent, type RunSummary } from '../api/run-model';
import { runCountsLine } from '../api/run-words';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress is drawn only then). */
  isTty: boolean;
}

// A reader that stops early (sincro runs list | head) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => void (e.code === 'EPIPE' ? process.exit(0) : undefined));

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  isTty: Boolean(process.stderr.isTTY),
};

export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** 12,345 (as toLocaleString('en-US') writes a count, without loading the locale data at start-up). */
export const n = (v: number) => (Number.isSafeInteger(v) ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : v.toLocaleString('en-US'));

export function formatProblems(problems: FlowProblem[]): string {
  return problems.map((p) => `  - ${p.message}${p.node || p.path ? `  [${[p.node && `node ${p.node}`, p.path].filter(Boolean).join(', ')}]` : ''}`).join('\n');
}

export function formatSummary(s: RunSummary): string {
  const head = `${s.dryRun ? 'Dry run' : 'Run'} ${s.runId} of "${s.flowName}"${s.flowVersion ? ` (version ${s.flowVersion})` : ''}: ${s.status.toUpperCase()} in ${(s.durationMs / 1000).toFixed(1)} s`;
  const totals = runCountsLine(s, n);
  const rows = Object.entries(s.nodes).map(([id, c]) => [
    id,
    n(c.in),
    Object.entries(c.out).map(([p, v]) => `${p} ${n(v)}`).join(', ') || n(totalOut(c)),
    n(c.created),
    n(c.updated),
    n(c.unchanged),
    n(c.skipped),
    n(c.failed),
  ]);
  const verb = s.dryRun ? ['would create', 'would update'] : ['created', 'updated'];
  return [head, totals, '', table(['node', 'in', 'out', verb[0] as string, verb[1] as string, 'unchanged', 'skipped', 'failed'], rows), ...(s.error ? ['', s.error] : [])].join('\n');
}

/** A single self-overwriting line on a terminal; nothing at all otherwise. */
export function progressLine(io: Io): { onEvent(e: RunEvent): void; done(): void } {
  if (!io.isTty) return { onEvent() {}, done() {} };
  const start = Date.now();
  let drawn = false;
  return {
    onEvent(e) {
      if (e.type !== 'progress') return;
      let read = 0;
      let failed = 0;
      for (const c of Object.values(e.nodes)) {
        failed += c.failed;
        if (c.in === 0) read += totalOut(c) + c.skipped + c.failed;
      }
      const secs = (Date.now() - start) / 1000;
      process.stderr.write(`\r\x1b[2K  ${n(read)} records read · ${n(failed)} failed · ${secs > 0 ? n(Math.round(read / secs)) : 0}/s · ${secs.toFixed(1)} s`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}
