/**
 * Two builds of the engine on W1-mapping, alternated in one process: `npm run bench:ab -- <commit>
 * [--records N] [--rounds N]` runs this checkout's engine and the one of <commit> (checked out in a
 * temporary worktree) one after the other, with and without history, round after round, on the
 * same input. On a shared machine whose speed drifts by half within minutes, runs seconds apart
 * are the only fair comparison: two bench runs minutes apart measure the drift as much as the
 * change. Printed: per build and history, the median and fastest microseconds per record (wall
 * and the main thread's CPU), and the median over the rounds of this build's time over the other's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

type Engine = (dir: string, dataDir: string, outFile: string, opts: { history: boolean }) => Promise<unknown>;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { records: { type: 'string', default: '30000' }, rounds: { type: 'string', default: '12' } } });
const base = positionals[0];
if (!base) {
  console.error('usage: npm run bench:ab -- <commit> [--records N] [--rounds N]');
  process.exit(2);
}
const records = Number(values.records);
const rounds = Number(values.rounds);
const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'sincro-ab-'));
const other = join(scratch, 'tree');

/** The main thread's CPU time so far, in ms (Linux: the thread whose id is the process's). */
function mainCpuMs(): number {
  const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] as number;

execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', other, base], { stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
  const load = async (tree: string) =>
    (await import(join(tree, 'core/bench/workload-w1-mapping.ts'))) as {
      runW1MappingEngine: Engine;
      writeW1MappingData: (dir: string, n: number) => Promise<void>;
      checkW1MappingOutput: (dir: string, outFile: string, n: number) => Promise<void>;
    };
  const builds = { this: await load(root), [base]: await load(other) };
  const dir = join(scratch, 'data');
  mkdirSync(dir);
  await builds.this.writeW1MappingData(dir, records);
  const times: Record<string, { wall: number[]; cpu: number[] }> = {};
  let run = 0;
  for (let r = 0; r < rounds; r++) {
    const order = Object.keys(builds).flatMap((name) => [true, false].map((history) => ({ name, history })));
    // Every other round the other way round, so neither build always runs after the same one.
    if (r % 2) order.reverse();
    for (const { name, history } of order) {
      const started = process.hrtime.bigint();
      const cpu = mainCpuMs();
      const outFile = join(scratch, 'out.ndjson');
      const summary = (await (builds[name] as { runW1MappingEngine: Engine }).runW1MappingEngine(dir, join(scratch, `store-${run++}`), outFile, { history })) as { status?: string };
      const t = (times[`${name} ${history ? 'with' : 'without'} history`] ??= { wall: [], cpu: [] });
      t.wall.push(Number(process.hrtime.bigint() - started) / 1000 / records);
      t.cpu.push(((mainCpuMs() - cpu) * 1000) / records);
      // A build that does the job wrong is not compared (once per build, after its timing).
      if (summary.status !== 'succeeded') throw new Error(`${name}: the run ended ${summary.status}`);
      if (r === 0) await builds.this.checkW1MappingOutput(dir, outFile, records);
    }
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const summary = Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { medianUs: round1(median(t.wall)), fastestUs: round1(Math.min(...t.wall)), mainCpuMedianUs: round1(median(t.cpu)) }]));
  const paired = (h: string) => {
    const mine = times[`this ${h} history`]?.wall ?? [];
    const theirs = times[`${base} ${h} history`]?.wall ?? [];
    return Math.round(median(mine.map((w, i) => w / (theirs[i] as number))) * 1000) / 1000;
  };
  console.log(JSON.stringify({ workload: 'W1-mapping', records, rounds, against: base, microsecondsPerRecord: summary, thisOverThat: { withHistory: paired('with'), withoutHistory: paired('without') } }, null, 1));
} finally {
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', other], { stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}
