/** `sincro runs list | show <run-id> | find <source-key>` */
import type { Command } from 'commander';
import { runSummaryOf } from '../../store/runs';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { formatSummary, n, table } from '../output';

const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '');

export function registerRuns(program: Command, env: CliEnv): void {
  const runs = program.command('runs').description('the run history');
  const { io } = env;

  runs
    .command('list')
    .description('list recent runs, newest first')
    .option('--flow <id>', 'only runs of this flow')
    .option('--status <status>', 'only runs with this status (succeeded, partial, failed, cancelled, running)')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action((opts: { flow?: string; status?: string; limit: number; json?: boolean }) => {
      const list = env.store().runs.list({ flowId: opts.flow, status: opts.status, limit: opts.limit });
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      if (!list.length) return io.out('No runs yet.');
      io.out(
        table(
          ['run', 'flow', 'status', 'started', 'read', 'done', 'skipped', 'failed'],
          list.map((r) => [r.id, `${r.flowName}${r.dryRun ? ' (dry run)' : ''}`, r.status, when(r.startedAt), n(r.counts?.read ?? 0), n(r.counts?.ok ?? 0), n(r.counts?.skipped ?? 0), n(r.counts?.failed ?? 0)]),
        ),
      );
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
      const records = opts.records ? store.runs.records(id, { status: opts.status, limit: opts.limit }) : undefined;
      if (opts.json) return io.out(JSON.stringify({ run, ...(records ? { records } : {}) }, null, 2));
      io.out(formatSummary(runSummaryOf(run)));
      if (records) {
        io.out('');
        io.out(records.length ? table(['#', 'record', 'outcome', 'at node', 'action', 'target id', 'message'], records.map((r) => [r.seq, r.key, r.status, r.port ? `${r.node}.${r.port}` : r.node, r.action, r.targetId, r.message])) : 'No records match.');
      }
    });

  runs
    .command('find')
    .description('what happened to one source record across all runs')
    .argument('<source-key>', 'the key of the record in its source (e.g. an order number or an email)')
    .option('--json', 'print JSON with the full lineage')
    .action((key: string, opts: { json?: boolean }) => {
      const found = env.store().runs.findByKey(key);
      if (opts.json) return io.out(JSON.stringify(found, null, 2));
      if (!found.length) return io.out(`No run has seen a record with the key "${key}".`);
      io.out(table(['run', 'started', 'flow', 'outcome', 'at node', 'action', 'target id', 'message'], found.map((r) => [r.runId, when(r.startedAt), `${r.flowName}${r.dryRun ? ' (dry run)' : ''}`, r.status, r.node, r.action, r.targetId, r.message])));
    });
}
