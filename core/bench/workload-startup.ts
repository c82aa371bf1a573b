/**
 * Start-up: how long `sincro --version` and `sincro run` of a one-record flow take, from the start
 * of the process to its end, beside `node -e 0` (what any Node program costs) measured the same
 * way. Each is run once to warm the file cache and the store, then `rounds` times; medians.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sincro.js', import.meta.url));
const ROOT = new URL('../../', import.meta.url);

const ONE_RECORD_FLOW = {
  schemaVersion: 1,
  id: 'bench-startup',
  name: 'One record',
  settings: {},
  nodes: [
    { id: 'source', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'o1', firstName: 'Anna', lastName: 'Jansen' }] } },
    { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'id', expr: 'id' }, { target: 'name', expr: 'firstName & " " & lastName' }] } },
    { id: 'out', type: 'file.target.write', config: { path: 'out.ndjson', format: 'ndjson' } },
  ],
  edges: [
    { from: { node: 'source', port: 'out' }, to: { node: 'map', port: 'in' } },
    { from: { node: 'map', port: 'out' }, to: { node: 'out', port: 'in' } },
  ],
};

/** Whether bin/sincro.js will run the build (the same test it makes), rather than the sources. */
export function cliBuildIsCurrent(): boolean {
  try {
    const { builtFrom, inputs } = JSON.parse(readFileSync(new URL('dist-cli/inputs.json', ROOT), 'utf8')) as { builtFrom: number; inputs: string[] };
    return inputs.every((file) => statSync(new URL(file, ROOT)).mtimeMs <= builtFrom);
  } catch {
    return false;
  }
}

function timeMs(args: string[], env: NodeJS.ProcessEnv): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} ended with exit code ${r.status}: ${r.stderr.trim() || r.stdout.trim()}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export function benchStartup(dir: string, rounds: number): Record<string, unknown> {
  const flow = join(dir, 'flow.json');
  writeFileSync(flow, JSON.stringify(ONE_RECORD_FLOW));
  const env = { ...process.env, SINCRO_DATA_DIR: join(dir, 'data') };
  const commands = {
    node: ['-e', '0'],
    version: [BIN, '--version'],
    run: [BIN, 'run', flow],
  };
  const times: Record<keyof typeof commands, number[]> = { node: [], version: [], run: [] };
  for (const args of Object.values(commands)) timeMs(args, env);
  for (let i = 0; i < rounds; i++) for (const [name, args] of Object.entries(commands)) times[name as keyof typeof commands].push(timeMs(args, env));
  const ms = (xs: number[]) => Math.round(median(xs));
  return { workload: 'startup', rounds, fromBuild: cliBuildIsCurrent(), nodeMs: ms(times.node), versionMs: ms(times.version), runOneRecordMs: ms(times.run) };
}
