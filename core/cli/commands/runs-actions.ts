/** `sincro runs retry <run-id>` and `sincro runs export <run-id>`: doing something with a stored run. */
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { planRetry, retryFailedRecords, RetryRefused } from '../../engine/retry-run';
import { EXPORT_FORMATS, exportRunToFile, writeRunExport, type ExportFormat } from '../../store/run-export';
import { didYouMean } from '../../util/closest-name';
import { EXIT, UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatProblems, formatSummary, n, progressLine } from '../output';
import { exitCodeOf } from './run';

export function registerRunActions(runs: Command, env: CliEnv): void {
  const { io } = env;

  runs
    .command('retry')
    .description("run the failed records of a run again, with the flow's current version (nothing is created twice; no sync cursor moves)")
    .argument('<run-id>')
    .option('--dry-run', 'show what the retry would create, update and skip, without writing anything')
    .option('--json', 'print the run summary as JSON')
    .action(async (runId: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const store = env.store();
      let plan: ReturnType<typeof planRetry>;
      try {
        plan = planRetry(store, runId);
      } catch (e) {
        if (e instanceof RetryRefused) throw new UsageError(e.message);
        throw e;
      }
      if (!opts.json) io.err(`Retrying ${n(plan.records)} failed record(s) of run ${runId} with "${plan.flow.doc.name}" version ${plan.flow.version}…`);
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('cancelled by the user'));
      process.once('SIGINT', onSigint);
      const progress = progressLine(io);
      try {
        const result = await retryFailedRecords(store, await env.registryFor(plan.flow.doc), runId, {
          plan,
          dryRun: opts.dryRun,
          signal: controller.signal,
          onEvent: (e) => {
            progress.onEvent(e);
            if (e.type === 'log' && e.level !== 'info' && !opts.json) io.err(`${e.node}: ${e.message}`);
          },
        });
        progress.done();
        if (!result.ok) {
          if (opts.json) io.out(JSON.stringify({ ok: false, problems: result.problems }, null, 2));
          else io.err(`The flow "${plan.flow.doc.name}" cannot run:\n${formatProblems(result.problems)}`);
          env.exitCode = EXIT.badInput;
          return;
        }
        io.out(opts.json ? JSON.stringify(result.summary, null, 2) : formatSummary(result.summary));
        if (!opts.json && result.summary.failed > 0) io.out(`\nSee the records that still fail with: sincro runs show ${result.summary.runId} --records --status failed`);
        env.exitCode = exitCodeOf(result.summary);
      } finally {
        process.off('SIGINT', onSigint);
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
      const store = env.store();
      if (!store.runs.get(runId)) throw new UsageError(`There is no run "${runId}". \`sincro runs list\` shows recent runs.`);
      if (!opts.out) {
        // Through the command's output (each piece ends with a whole line): pipes and tests alike.
        await writeRunExport(store.runs, runId, format as ExportFormat, new Writable({ write: (chunk: Buffer, _enc, done) => done(void io.out(chunk.toString('utf8'))) }));
        return;
      }
      const file = resolve(opts.out);
      let written: number;
      try {
        written = await exportRunToFile(store.runs, runId, format as ExportFormat, file);
      } catch (e) {
        throw new UsageError(`The export cannot be written to ${file}: ${(e as Error).message}`);
      }
      io.err(`Wrote ${n(written)} record(s) of run ${runId} to ${file}.`);
    });
}
