/**
 * Hostile and broken input through the real `sincro` command: a flow nested 20,000 levels deep,
 * unknown and prototype keys in a node config, a dry run of a changed file, a CSV file with a
 * quote that never closes. The deep flow runs in child processes, as a user would run it.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowTextWithConfig, nestedJson } from '../testing/deep-json';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  dir = tempDir('sincro-cli-input-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => dir.remove());

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

/** The installed command in a process of its own. */
function sincroProcess(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [resolve('bin/sincro.js'), '--data-dir', dataDir, ...args], { timeout: 60_000 }, (error, out, err) => {
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, out, err });
    });
  });
}

const file = (name: string, text: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
};

const skipFlow = (config: Record<string, unknown>) =>
  JSON.stringify({
    schemaVersion: 1,
    id: 'skipper',
    name: 'Skipper',
    nodes: [
      { id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } },
      { id: 'skip', type: 'core.transform.skip', config },
    ],
    edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'skip', port: 'in' } }],
  });

describe('sincro with hostile and broken input', () => {
  it('refuses a node config nested 20,000 levels deep with exit 2, naming node and field (run and import)', async () => {
    const deep = file('deep.json', flowTextWithConfig(`{"records":[],"extra":${nestedJson(20_000)}}`));
    const [run, imported] = await Promise.all([sincroProcess('run', deep), sincroProcess('flows', 'import', deep)]);
    for (const r of [run, imported]) {
      expect(r.code).toBe(2);
      expect(r.err).toContain('Node "src": config.extra is nested too deeply');
      expect(r.err).toContain('at most 64 levels');
      expect(r.err).not.toMatch(/Maximum call stack|unexpected error|\n\s+at /);
    }
    expect((await sincro('flows', 'list')).out).toContain('No flows are stored yet.');
  }, 120_000);

  it('refuses unknown and prototype keys in a node config with exit 2, naming the closest known key, and stores nothing', async () => {
    const typo = file('typo.json', skipFlow({ reason: 'done', reasn: 'done' }));
    let r = await sincro('run', typo);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Node "skip" (Skip): "reasn" is not a known setting (did you mean "reason"?).  [node skip, config.reasn]');

    const proto = file('proto.json', skipFlow({ reason: 'done' }).replace('"reason":"done"', '"reason":"done","__proto__":{"polluted":1}'));
    for (const args of [['run', proto], ['run', proto, '--dry-run'], ['flows', 'import', proto]]) {
      r = await sincro(...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('Node "skip": config.__proto__ is not allowed');
    }
    expect((await sincro('flows', 'list')).out).toContain('No flows are stored yet.');
  });

  it('a dry run of a changed flow file stores no new version', async () => {
    const path = file('flow.json', skipFlow({ reason: 'one' }));
    expect((await sincro('run', path)).out).toContain('(version 1)');
    writeFileSync(path, skipFlow({ reason: 'two' }));
    const dry = await sincro('run', path, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^Dry run run_\S+ of "Skipper": SUCCEEDED/);
    const versions = await sincro('flows', 'versions', 'skipper');
    expect(versions.out.trim().split('\n')).toHaveLength(3); // header, rule, version 1
    expect(JSON.parse((await sincro('flows', 'export', 'skipper')).out).nodes[1].config).toEqual({ reason: 'one' });
  });

  it('a CSV quote that never closes fails the rest of the file as one record: exit 1 and the counts add up', async () => {
    file('orders.csv', 'id,total\n1,10\n2,20\n3,"30\n4,40\n5,50\n6,60\n7,70\n');
    const path = file(
      'csv.json',
      JSON.stringify({
        schemaVersion: 1,
        id: 'csv',
        name: 'CSV',
        nodes: [
          { id: 'read', type: 'file.source.read', config: { path: 'orders.csv', format: 'csv', keyField: 'id' } },
          { id: 'write', type: 'file.target.write', config: { path: 'out.ndjson', format: 'ndjson' } },
        ],
        edges: [{ from: { node: 'read', port: 'out' }, to: { node: 'write', port: 'in' } }],
      }),
    );
    const run = await sincroProcess('run', path);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/: PARTIAL in/);
    expect(run.out).toContain('3 read · 2 done · 0 skipped · 1 failed');
    const runId = /Run (run_\S+)/.exec(run.out)?.[1] ?? '';
    const show = await sincro('runs', 'show', runId, '--records', '--status', 'failed');
    expect(show.out).toContain('orders.csv:4');
    expect(show.out).toContain('line 4 of');
    expect(show.out).toContain('a quote that opens there is never closed, so the rest of the file (lines 4 to 8) was not read');
  }, 60_000);
});
