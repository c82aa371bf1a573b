/** `sincro ledger list | forget <scope> <entity> <source-id>`: what the id ledger remembers, through the API service. */
import type { Command } from 'commander';
import { ledgerStates } from '../../api/contract';
import { didYouMean } from '../../util/closest-name';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

function ledgerState(state: string | undefined): (typeof ledgerStates)[number] | undefined {
  if (state === undefined || (ledgerStates as readonly string[]).includes(state)) return state as (typeof ledgerStates)[number] | undefined;
  throw new UsageError(`--state must be pending or done, not "${state}"${didYouMean(state, ledgerStates)}`);
}

export function registerLedger(program: Command, env: CliEnv): void {
  const ledger = program.command('ledger').description('the id ledger: which target record each source record became');
  ledger
    .command('list')
    .option('--scope <scope>')
    .option('--entity <entity>')
    .option('--state <state>', 'pending or done')
    .option('--limit <n>', 'how many (1 to 1000)', (v) => Number(v), 100)
    .option('--json', 'print JSON')
    .action(async (opts: { scope?: string; entity?: string; state?: string; limit: number; json?: boolean }) => {
      if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
      const rows = await env.call('ledger.list', { scope: opts.scope, entity: opts.entity, state: ledgerState(opts.state), limit: opts.limit });
      if (opts.json) return env.io.out(JSON.stringify(rows, null, 2));
      env.io.out(rows.length ? table(['scope', 'entity', 'source id', 'target id', 'state', 'updated'], rows.map((r) => [r.scope, r.entity, r.sourceId, r.targetId, r.state, r.updatedAt.slice(0, 19).replace('T', ' ')])) : 'The ledger is empty.');
    });
  ledger
    .command('forget')
    .description('forget one record, so the next run sends it again (use after checking the target by hand)')
    .argument('<scope>')
    .argument('<entity>')
    .argument('<source-id>')
    .action(async (scope: string, entity: string, sourceId: string) => {
      if (!(await env.call('ledger.forget', { scope, entity, sourceId })).forgotten) throw new UsageError(`The ledger has no entry ${scope} ${entity} ${sourceId}.`);
      env.io.out(`Forgot ${entity} ${sourceId} in ${scope}; the next run will send it again.`);
    });
}
