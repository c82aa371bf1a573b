import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/golden';

// The build goes inside the checkout (as dist-cli/ does), so that it finds node_modules.
const out = resolve(`.cli-build-test-${process.pid}`);
const dir = tempDir('sincro-build-');

/** Runs the built CLI's main() in a fresh process, as bin/sincro.js does. */
function built(...args: string[]) {
  const code = `const { main } = await import(${JSON.stringify(`file://${join(out, 'main.js')}`)}); process.exitCode = await main(${JSON.stringify(['--data-dir', join(dir.path, 'data'), ...args])});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: dir.path });
}

beforeAll(() => {
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  dir.remove();
});

describe('the built CLI (npm install builds it into dist-cli/)', () => {
  it('splits commands and connectors into chunks and records what it was built from', () => {
    const inputs = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8')) as { builtFrom: number; inputs: string[] };
    expect(inputs.inputs).toContain('core/cli/main.ts');
    expect(inputs.inputs.some((f) => f.startsWith('core/connectors/teamleader/'))).toBe(true);
    // The entry holds the wiring, not every command and connector.
    expect(readFileSync(join(out, 'main.js'), 'utf8')).not.toContain('core/connectors/');
  });

  it('prints its version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = built('--version');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('finds the files that sit beside the sources: the templates, the connectors’ schemas', () => {
    const templates = built('templates', 'list', '--json');
    expect(templates.status, templates.stderr).toBe(0);
    expect((JSON.parse(templates.stdout) as Array<{ id: string }>).map((t) => t.id)).toContain('orders-mplus-to-teamleader');
    const kinds = built('connections', 'kinds');
    expect(kinds.status, kinds.stderr).toBe(0);
    expect(kinds.stdout).toContain('teamleader-sandbox');
  });

  it('runs a flow', () => {
    writeFileSync(
      join(dir.path, 'flow.json'),
      JSON.stringify({
        schemaVersion: 1,
        id: 'one',
        name: 'One record',
        settings: {},
        nodes: [
          { id: 'source', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'o1', first: 'Anna', last: 'Jansen' }] } },
          { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'name', expr: 'first & " " & last' }] } },
          { id: 'out', type: 'file.target.write', config: { path: 'out.ndjson', format: 'ndjson' } },
        ],
        edges: [
          { from: { node: 'source', port: 'out' }, to: { node: 'map', port: 'in' } },
          { from: { node: 'map', port: 'out' }, to: { node: 'out', port: 'in' } },
        ],
      }),
    );
    const r = built('run', 'flow.json');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'out.ndjson'), 'utf8')).toBe('{"name":"Anna Jansen"}\n');
  });
});
