/** `sincro run <flow.json | flow-id> | --template <id> [--dry-run] [--json]` */
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

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** name=value pairs; values that read as JSON (numbers, true, tables) are taken as such. */
export function parseSettingPairs(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i < 1) throw new UsageError(`--set ${pair}: write it as name=value, e.g. --set employeeNumber=999999`);
    const raw = pair.slice(i + 1);
    try {
      out[pair.slice(0, i)] = JSON.parse(raw);
    } catch {
      out[pair.slice(0, i)] = raw;
    }
  }
  return out;
}

/** The connection per app: given as mplus=<id>,teamleader=<id>, or the only one of that app. */
export function resolveConnections(env: CliEnv, apps: string[], given: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (given ?? '').split(',').filter(Boolean)) {
    const [app, id] = part.split('=');
    if (!app || !id) throw new UsageError(`--connections ${given}: write it as mplus=<id>,teamleader=<id>`);
    if (!env.store().connections.info(id)) throw new UsageError(`--connections: there is no connection "${id}"; \`sincro connections list\` shows them.`);
    out[app] = id;
  }
  for (const app of apps) {
    if (out[app]) continue;
    const candidates = env.store().connections.list().filter((c) => c.kind === app || c.kind === `${app}-sandbox`);
    if (candidates.length !== 1) {
      throw new UsageError(
        candidates.length
          ? `Several ${app} connections are stored (${candidates.map((c) => c.id).join(', ')}); say which with --connections ${app}=<id>.`
          : `No ${app} connection is stored. Add one with \`sincro connections add ${app} …\` (or ${app}-sandbox), or try everything with \`sincro demo\`.`,
      );
    }
    out[app] = (candidates[0] as { id: string }).id;
  }
  return out;
}

function sayChangedSettings(env: CliEnv, stored: FlowDocument, made: FlowDocument): void {
  const changed = Object.keys({ ...stored.settings, ...made.settings }).filter((k) => JSON.stringify(stored.settings[k]) !== JSON.stringify(made.settings[k]));
  if (!changed.length) return;
  const words = changed.map((k) => `${k} ${JSON.stringify(stored.settings[k]) ?? '(none)'} → ${JSON.stringify(made.settings[k]) ?? '(none)'}`);
  env.io.err(`The stored flow "${made.id}" had other settings; this run stores the template's with yours as a new version: ${words.join(', ')}.`);
}

export function registerRun(program: Command, env: CliEnv): void {
  program
    .command('run')
    .description('run a flow (a flow file, the id of a stored flow, or a template) and print what happened')
    .argument('[flow]', 'a flow .json file, or the id of a stored flow')
    .option('--template <id>', 'run a template (see `sincro templates list`); it is stored as a flow with the template’s id')
    .option('--connections <app=id,…>', 'with --template: which connection each app uses, e.g. mplus=conn_1,teamleader=conn_2')
    .option('--set <name=value>', 'with --template: a setting, e.g. --set employeeNumber=999999 (repeatable)', collect, [])
    .option('--dry-run', 'show what would be created, updated and skipped, without writing anything')
    .option('--json', 'print the run summary as JSON')
    .option('--flow-version <n>', 'run an earlier version of a stored flow', (v) => Number(v))
    .action(async (arg: string | undefined, opts: { template?: string; connections?: string; set: string[]; dryRun?: boolean; json?: boolean; flowVersion?: number }) => {
      const { io } = env;
      let target: ReturnType<typeof resolveFlowArg>;
      if (opts.template) {
        if (arg) throw new UsageError('Give either a flow or --template, not both.');
        const { createTemplateCatalog, TemplateError } = await import('../../templates');
        const catalog = createTemplateCatalog();
        const def = catalog.get(opts.template);
        if (!def) throw new UsageError(`There is no template "${opts.template}". \`sincro templates list\` shows them.`);
        try {
          // The settings first: a typo in the command is said before anything about connections.
          const settings = catalog.settings(def.id, parseSettingPairs(opts.set));
          const made = catalog.create({ template: def.id, connections: resolveConnections(env, def.apps, opts.connections), settings });
          // The stored flow of this template keeps its schedule; settings it had that this run
          // changes are said, not replaced silently.
          const stored = opts.dryRun ? undefined : env.store().flows.get(made.id)?.doc;
          const doc = stored?.schedule ? { ...made, schedule: stored.schedule } : made;
          if (stored) sayChangedSettings(env, stored, doc);
          target = { doc, baseDir: process.cwd(), fromFile: true };
        } catch (e) {
          if (e instanceof TemplateError) throw new UsageError(e.message);
          throw e;
        }
      } else {
        if (!arg) throw new UsageError('Say which flow to run: a flow file, a stored flow id, or --template <id>.');
        target = resolveFlowArg(env, arg, opts.flowVersion);
      }
      const controller = new AbortController();
      const onSigint = () => controller.abort(new Error('cancelled by the user'));
      process.once('SIGINT', onSigint);
      const progress = progressLine(io);
      try {
        const result = await executeFlow(env.store(), await env.registryFor(target.doc), target.doc, {
          version: target.version,
          saveNote: target.fromFile ? (opts.template ? `run from the template ${opts.template}` : `run from ${arg}`) : undefined,
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
