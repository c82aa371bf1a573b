/** `sincro bench [--workload W1|W1-mapping|W2|startup|history|purge] [--records N] [--runs N] [--stages]` (also `npm run bench`). */
import type { Command } from 'commander';
import { runBench } from '../../bench/run-bench';
import { didYouMean } from '../../util/closest-name';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';

const WORKLOADS = ['W1', 'W1-mapping', 'W2', 'startup', 'history', 'purge'] as const;

export function registerBench(program: Command, env: CliEnv): void {
  program
    .command('bench')
    .description('measure the engine against a hand-written baseline in the same process; prints one JSON line')
    .option('--workload <w>', 'W1 (file → map → lookup → file, with history), W1-mapping (the 17-field mapping of the shared benchmark kit, checked against its reference), W2 (HTTP target, 8 in flight), startup (sincro --version and a one-record run, beside node -e 0), history (the run history’s list and search on a generated store of 100,000 runs and 10 million records) or purge (purging 100,000 runs of history while a run in another process writes)', 'W1')
    .option('--records <n>', 'how many records (W1, W1-mapping: 100000, W2: 5000, history: 10000000 in runs of 100, purge: 1000000)', (v) => Number(v))
    .option('--runs <n>', 'purge: how many runs those records are in (100000)', (v) => Number(v))
    .option('--sink-latency-ms <ms>', 'W2: the sink answers after this many ms', (v) => Number(v), 0)
    .option('--stages', 'W1-mapping: also time the flow cut short after each step, with and without history (microseconds per record)')
    .option('--rounds <n>', 'measure engine and baseline this many times each and report the medians (W1, W1-mapping: 1, W2: 3, startup: 5, history: 20 per query)', (v) => Number(v))
    .action(async (opts: { workload: string; records?: number; runs?: number; sinkLatencyMs: number; rounds?: number; stages?: boolean }) => {
      const workload = WORKLOADS.find((w) => w.toLowerCase() === opts.workload.toLowerCase());
      if (!workload) throw new UsageError(`--workload must be ${WORKLOADS.join(', ')}, not "${opts.workload}"${didYouMean(opts.workload, WORKLOADS)}`);
      if (opts.records !== undefined && !(Number.isInteger(opts.records) && opts.records > 0)) throw new UsageError('--records must be a whole number above 0');
      if (opts.rounds !== undefined && !(Number.isInteger(opts.rounds) && opts.rounds > 0)) throw new UsageError('--rounds must be a whole number above 0');
      if (opts.runs !== undefined && !(Number.isInteger(opts.runs) && opts.runs > 0)) throw new UsageError('--runs must be a whole number above 0');
      const result = await runBench({ workload, records: opts.records, runs: opts.runs, sinkLatencyMs: opts.sinkLatencyMs, rounds: opts.rounds, stages: opts.stages });
      env.io.out(JSON.stringify(result));
    });
}
