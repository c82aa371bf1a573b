/** `sincro ledger list | forget <scope> <entity> <source-id>`: what the id ledger remembers. */
import type { Command } from 'commander';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

export function registerLedger(program: Command, env: CliEnv): void {
  const ledger = program.command('ledger').description('the id ledger: which target record each source record became');
  ledger
    .command('list')
    .option('--scope <scope>')
    .option('--entity <entity>')
    .option('--state <state>', 'pending or done')
    .option('--limit <n>', 'how many', (v) => Number(v), 100)
    .option('--json', 'print JSON')
    .action((opts: { scope?: string; entity?: string; state?: string; limit: number; json?: boolean }) => {
      const rows = env.store().ledger.list(opts);
      if (opts.json) return env.io.out(JSON.stringify(rows, null, 2));
      env.io.out(rows.length ? table(['scope', 'entity', 'source id', 'target id', 'state', 'updated'], rows.map((r) => [r.scope, r.entity, r.sourceId, r.targetId, r.state, r.updatedAt.slice(0, 19).replace('T', ' ')])) : 'The ledger is empty.');
    });
  ledger
    .command('forget')
    .description('forget one record, so the next run sends it again (use after checking the target by hand)')
    .argument('<scope>')
    .argument('<entity>')
    .argument('<source-id>')
    .action((scope: string, entity: string, sourceId: string) => {
      if (!env.store().ledger.forget(scope, entity, sourceId)) throw new UsageError(`The ledger has no entry ${scope} ${entity} ${sourceId}.`);
      env.io.out(`Forgot ${entity} ${sourceId} in ${scope}; the next run will send it again.`);
    });
}
