/** `sincro run <flow.json | flow-id> [--dry-run] [--json]` */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { FlowDocument } from '../../api/flow-document';
import type { RunSummary } from '../../api/run-model';
import { executeFlow } from '../../engine/execute-flow';
import { readFlowFile } from '../../flow/flow-file';
import { EXIT, UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatProblems, formatSummary, progressLine } from '../output';

export function exitCodeOf(summary: RunSummary): number {
  if (summary.status === 'succeeded') return EXIT.ok;
  if (summary.status === 'cancelled') return EXIT.cancelled;
  return EXIT.runFailed;
}

/** A flow named on the command line: a file (saved as a new version when it changed) or a stored id. */
export function resolveFlowArg(env: CliEnv, arg: string, version?: number): { doc: FlowDocument; version?: number; baseDir: string; fromFile: boolean } {
  if (existsSync(arg) || /\.json$/i.test(arg)) {
    return { doc: readFlowFile(arg), baseDir: dirname(resolve(arg)), fromFile: true };
  }
  const stored = env.store().flows.get(arg, version);
  if (!stored) throw new UsageError(`There is no flow file "${arg}" and no stored flow with that id${version ? ` and version ${version}` : ''}. \`sincro flows list\` shows the stored flows.`);
  return { doc: stored.doc, version: stored.version, baseDir: stored.baseDir ?? process.cwd(), fromFile: false };
}

export function registerRun(program: Command, env: CliEnv): void {
  program
    .command('run')
    .description('run a flow (a flow file or the id of a stored flow) and print what happened')
    .argument('<flow>', 'a flow .json file, or the id of a stored flow')
    .option('--dry-run', 'show what would be created, updated and skipped, without writing anything')
    .option('--json', 'print the run summary as JSON')
    .option('--flow-version <n>', 'run an earlier version of a stored flow', (v) => Number(v))
    .action(async (arg: string, opts: { dryRun?: boolean; json?: boolean; flowVersion?: number }) => {
      const { io } = env;
      const target = resolveFlowArg(env, arg, opts.flowVersion);
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('cancelled by the user'));
      process.once('SIGINT', onSigint);
      const progress = progressLine(io);
      try {
        const result = await executeFlow(env.store(), env.registry, target.doc, {
          version: target.version,
          saveNote: target.fromFile ? `run from ${arg}` : undefined,
          dryRun: opts.dryRun,
          signal: controller.signal,
          onEvent: progress.onEvent,
          baseDir: target.baseDir,
          trigger: 'cli',
        });
        progress.done();
        if (!result.ok) {
          if (opts.json) io.out(JSON.stringify({ ok: false, problems: result.problems }, null, 2));
          else io.err(`The flow "${target.doc.name}" cannot run:\n${formatProblems(result.problems)}`);
          env.exitCode = EXIT.badInput;
          return;
        }
        io.out(opts.json ? JSON.stringify(result.summary, null, 2) : formatSummary(result.summary));
        if (!opts.json && result.summary.failed > 0) io.out(`\nSee the failed records with: sincro runs show ${result.summary.runId} --records --status failed`);
        env.exitCode = exitCodeOf(result.summary);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
