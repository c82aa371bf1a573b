/**
 * `sincro runs retry <run-id>` and `sincro runs export <run-id>`: doing something with a stored
 * run, through the API service as the screen does it (runs.retry runs in its RunManager, so the
 * retry's end raises the flow's notices there too; runs.export hands out the export).
 */
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { AppEvent } from '../../api/contract';
import type { RunEvent } from '../../api/run-model';
import { EXPORT_FORMATS, writeExportFile, type ExportFormat } from '../../store/run-export';
import { didYouMean } from '../../util/closest-name';
import { EXIT, UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatProblems, formatSummary, n, progressLine } from '../output';
import { exitCodeOf } from './run';

type Finished = Extract<RunEvent, { type: 'finished' }>;
const RUN_EVENTS = new Set<string>(['started', 'progress', 'record', 'log', 'finished']);
const isRunEvent = (e: RunEvent | AppEvent): e is RunEvent => RUN_EVENTS.has(e.type);

/** A run the API does not know, said with where to look. */
async function knownRun<T>(runId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof UsageError && e.message === `There is no run "${runId}".`) throw new UsageError(`${e.message} \`sincro runs list\` shows recent runs.`);
    throw e;
  }
}

export function registerRunActions(runs: Command, env: CliEnv): void {
  const { io } = env;

  runs
    .command('retry')
    .description("run the failed records of a run again, with the flow's current version (nothing is created twice; no sync cursor moves)")
    .argument('<run-id>')
    .option('--dry-run', 'show what the retry would create, update and skip, without writing anything')
    .option('--json', 'print the run summary as JSON')
    .action(async (runId: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const api = await env.api();
      const progress = progressLine(io);
      let retryRun: string | undefined;
      const early: RunEvent[] = [];
      let finish: (e: Finished) => void = () => undefined;
      const finished = new Promise<Finished>((done) => (finish = done));
      const take = (e: RunEvent) => {
        progress.onEvent(e);
        // A log without a node is the RunManager's "cannot run": the problems are printed below.
        if (e.type === 'log' && e.level !== 'info' && e.node && !opts.json) io.err(`${e.node}: ${e.message}`);
        if (e.type === 'finished') finish(e);
      };
      // Events may come before runs.retry answers with the new run's id: kept until then.
      const listener = (e: RunEvent | AppEvent) => {
        if (!isRunEvent(e)) return;
        if (retryRun === undefined) early.push(e);
        else if (e.runId === retryRun) take(e);
      };
      api.events.on('event', listener);
      const onSigint = () => void (retryRun && env.call('runs.cancel', { runId: retryRun }));
      try {
        const started = await env.call('runs.retry', { runId, dryRun: !!opts.dryRun });
        retryRun = started.runId;
        process.once('SIGINT', onSigint);
        if (!opts.json) {
          const run = await env.call('runs.get', { runId: started.runId });
          io.err(`Retrying ${n(started.records)} failed record(s) of run ${runId} with "${run?.flowName ?? ''}" version ${run?.flowVersion ?? ''}…`);
        }
        for (const e of early.splice(0)) if (e.runId === retryRun) take(e);
        const end = await finished;
        progress.done();
        if (end.problems) {
          if (opts.json) io.out(JSON.stringify({ ok: false, problems: end.problems }, null, 2));
          else io.err(`The flow "${end.summary.flowName}" cannot run:\n${formatProblems(end.problems)}`);
          env.exitCode = EXIT.badInput;
          return;
        }
        io.out(opts.json ? JSON.stringify(end.summary, null, 2) : formatSummary(end.summary));
        if (!opts.json && end.summary.failed > 0) io.out(`\nSee the records that still fail with: sincro runs show ${end.summary.runId} --records --status failed`);
        env.exitCode = exitCodeOf(end.summary);
      } finally {
        process.off('SIGINT', onSigint);
        api.events.off('event', listener);
      }
    });

  runs
    .command('export')
    .description("write a run's records as CSV (one row a record) or NDJSON (one record a line, with its lineage)")
    .argument('<run-id>')
    .option('--format <format>', 'csv or ndjson', 'csv')
    .option('--out <file>', 'the file to write (default: standard output)')
    .action(async (runId: string, opts: { format: string; out?: string }) => {
      const format = opts.format.toLowerCase();
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be csv or ndjson, not "${opts.format}"${didYouMean(opts.format, EXPORT_FORMATS)}`);
      const api = await env.api();
      // As in the browser: the API hands out a one-time ticket for the export, written here instead of downloaded.
      const exported = await knownRun(runId, () => env.call('runs.export', { runId, format: format as ExportFormat }));
      const ticket = exported.kind === 'download' ? api.takeExportTicket(exported.url.slice(exported.url.lastIndexOf('/') + 1)) : undefined;
      if (!ticket) throw new Error(`the API did not hand out the export of run ${runId}`);
      if (!opts.out) {
        // Through the command's output (each piece ends with a whole line): pipes and tests alike.
        await api.writeExport(ticket, new Writable({ write: (chunk: Buffer, _enc, done) => done(void io.out(chunk.toString('utf8'))) }));
        return;
      }
      const file = resolve(opts.out);
      let written: number;
      try {
        written = await writeExportFile(file, (out) => api.writeExport(ticket, out));
      } catch (e) {
        throw new UsageError(`The export cannot be written to ${file}: ${(e as Error).message}`);
      }
      io.err(`Wrote ${n(written)} record(s) of run ${runId} to ${file}.`);
    });
}
