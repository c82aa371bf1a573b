/**
 * `sincro runs list | show <run-id> | find <key-or-label> | retry <run-id> | export <run-id>`:
 * list, find, retry and export through the API service as the screen does them. `show` reads the
 * stored run itself: its `--json` prints the stored run (counts per node, the retried run) that
 * the contract's runs.get does not carry.
 */
import type { Command } from 'commander';
import { RUN_STATUSES, STARTED_BY, type StartedBy } from '../../store/run-queries';
import { runSummaryOf } from '../../store/runs';
import { didYouMean } from '../../util/closest-name';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatSummary, n, table } from '../output';
import { parseWhen } from '../when';
import { registerRunActions } from './runs-actions';

const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

function oneOf(value: string | undefined, allowed: readonly string[], option: string): string | undefined {
  if (value === undefined || allowed.includes(value)) return value;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"${didYouMean(value, allowed)}`);
}

function positive(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw new UsageError(`${option} must be a whole number from 1 to 1000`);
  return value;
}

interface ListOptions {
  flow?: string;
  status?: string;
  trigger?: string;
  since?: string;
  until?: string;
  before?: string;
  limit: number;
  json?: boolean;
}

export function registerRuns(program: Command, env: CliEnv): void {
  const runs = program.command('runs').description('the run history');
  const { io } = env;

  runs
    .command('list')
    .description('list runs, newest first, a page at a time')
    .option('--flow <id>', 'only runs of this flow')
    .option('--status <status>', `only runs with this outcome (${RUN_STATUSES.join(', ')})`)
    .option('--trigger <who>', 'only runs started this way: manual (by hand, also dry runs and the CLI), schedule, retry')
    .option('--since <when>', 'only runs started at or after: a day (2026-11-30), a time (2026-11-30T14:00) or a span back from now (12h, 7d)')
    .option('--until <when>', 'only runs started before this time (a day counts whole)')
    .option('--before <cursor>', 'the page after the run with this cursor (printed under a full page)')
    .option('--limit <n>', 'how many (1 to 1000)', (v) => Number(v), 50)
    .option('--json', 'print JSON (each run has its cursor)')
    .action(async (opts: ListOptions) => {
      const filter = {
        flowId: opts.flow,
        status: oneOf(opts.status, RUN_STATUSES, '--status') as (typeof RUN_STATUSES)[number] | undefined,
        trigger: oneOf(opts.trigger, STARTED_BY, '--trigger') as StartedBy | undefined,
        since: opts.since === undefined ? undefined : parseWhen(opts.since, '--since'),
        until: opts.until === undefined ? undefined : parseWhen(opts.until, '--until', { endOfDay: true }),
        before: opts.before,
        limit: positive(opts.limit, '--limit'),
      };
      const list = await env.call('runs.list', filter);
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      const filtered = [opts.flow, opts.status, opts.trigger, opts.since, opts.until].some((o) => o !== undefined);
      if (!list.length) return io.out(opts.before ? 'No more runs.' : filtered ? 'No runs match.' : 'No runs yet.');
      io.out(
        table(
          ['run', 'flow', 'status', 'started', 'by', 'read', 'done', 'skipped', 'failed'],
          list.map((r) => [
            r.id,
            `${r.flowName}${r.dryRun ? ' (dry run)' : ''}`,
            r.damaged ? `${r.status} (history damaged)` : r.status,
            when(r.startedAt),
            // What --trigger filters by, with the detail beside it: "manual (cli)".
            r.retryOf ? `retry of ${r.retryOf}` : r.trigger && r.trigger !== r.startedBy ? `${r.startedBy} (${r.trigger})` : r.startedBy,
            ...(r.counts ? [n(r.counts.read), n(r.counts.ok), n(r.counts.skipped), n(r.counts.failed)] : r.damaged ? ['?', '?', '?', '?'] : ['0', '0', '0', '0']),
          ]),
        ),
      );
      const damaged = list.filter((r) => r.damaged);
      if (damaged.length) io.out(`\n${damaged.length === 1 ? 'One run has' : `${n(damaged.length)} runs have`} damaged history (${damaged.map((r) => r.id).join(', ')}): \`sincro runs show <run>\` says what, \`sincro doctor\` checks the whole file.`);
      if (list.length === filter.limit) io.out(`\nMore: add --before ${(list.at(-1) as { cursor: string }).cursor}`);
    });

  runs
    .command('show')
    .description('show one run: counts per node, and with --records what happened to each record')
    .argument('<run-id>')
    .option('--records', 'list the records')
    .option('--status <status>', 'only records with this outcome (ok, skipped, failed)')
    .option('--limit <n>', 'how many records', (v) => Number(v), 200)
    .option('--json', 'print JSON (records include their full lineage)')
    .action((id: string, opts: { records?: boolean; status?: string; limit: number; json?: boolean }) => {
      const store = env.store();
      const run = store.runs.get(id);
      if (!run) throw new UsageError(`There is no run "${id}". \`sincro runs list\` shows recent runs.`);
      const status = oneOf(opts.status, ['ok', 'skipped', 'failed'], '--status');
      const records = opts.records ? store.runs.records(id, { status, limit: opts.limit }) : undefined;
      if (opts.json) return io.out(JSON.stringify({ run, ...(records ? { records } : {}) }, null, 2));
      if (run.damaged) io.out(`${run.damaged}\n`);
      io.out(formatSummary(runSummaryOf(run)));
      if (run.retryOf) io.out(`\nA retry of the failed records of run ${run.retryOf}.`);
      if (records) {
        io.out('');
        io.out(records.length ? table(['#', 'record', 'label', 'outcome', 'at node', 'action', 'target id', 'message'], records.map((r) => [r.seq, r.key, r.label, r.status, r.port ? `${r.node}.${r.port}` : r.node, r.action, r.targetId, r.message])) : 'No records match.');
      }
      if (!opts.json && (run.counts?.failed ?? 0) > 0 && run.status !== 'running') io.out(`\nRun the failed records again with: sincro runs retry ${run.id}`);
    });

  runs
    .command('find')
    .description('what happened to one record across all runs, by its key in its source or its label (an order number, an email, a SKU)')
    .argument('<key-or-label>', 'the key of the record in its source, or its label (any capitals)')
    .option('--before <cursor>', 'the page after the record with this cursor')
    .option('--limit <n>', 'how many (1 to 1000)', (v) => Number(v), 100)
    .option('--json', 'print JSON with the full lineage')
    .action(async (text: string, opts: { before?: string; limit: number; json?: boolean }) => {
      const limit = positive(opts.limit, '--limit');
      const found = await env.call('runs.find', { key: text, before: opts.before, limit });
      if (opts.json) return io.out(JSON.stringify(found, null, 2));
      if (!found.length) return io.out(opts.before ? 'No more records.' : `No run has seen a record with the key or label "${text}".`);
      io.out(
        table(
          ['run', 'started', 'flow', 'record', 'label', 'outcome', 'at node', 'action', 'target id', 'message'],
          found.map((r) => [r.runId, when(r.startedAt), `${r.flowName}${r.dryRun ? ' (dry run)' : ''}`, r.key, r.label, r.status, r.node, r.action, r.targetId, r.message]),
        ),
      );
      if (found.length === limit) io.out(`\nMore: add --before ${(found.at(-1) as { cursor: string }).cursor}`);
    });

  registerRunActions(runs, env);
}
