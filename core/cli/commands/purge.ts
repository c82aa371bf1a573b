/** `sincro purge [--older-than days]` */
import type { Command } from 'commander';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { n } from '../output';

export function registerPurge(program: Command, env: CliEnv): void {
  program
    .command('purge')
    .description('delete run history older than the retention setting (or --older-than days) and reclaim the space')
    .option('--older-than <days>', 'days of history to keep', (v) => Number(v))
    .action(async (opts: { olderThan?: number }) => {
      if (opts.olderThan !== undefined && !(Number.isFinite(opts.olderThan) && opts.olderThan >= 0)) throw new UsageError('--older-than needs a number of days, e.g. --older-than 30');
      const store = env.store();
      const r = await store.purge(opts.olderThan);
      const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
      env.io.out(`Deleted ${n(r.runs)} run(s) with ${n(r.records)} record(s) from before ${r.cutoff.slice(0, 10)}${r.logLines ? ` and ${n(r.logLines)} scheduler log line(s)` : ''}. Data file: ${mb(r.bytesBefore)} → ${mb(r.bytesAfter)}.`);
    });
}
