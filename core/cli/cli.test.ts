import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';
import { DB_FILE } from '../store/store';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  dir = tempDir('sincro-cli-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => dir.remove());

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

function writeFlow(name: string, flow: Record<string, unknown>) {
  const path = join(dir.path, name);
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, id: 'csv-to-ndjson', name: 'Customers to NDJSON', settings: {}, ...flow }));
  return path;
}

const customersFlow = () => {
  writeFileSync(join(dir.path, 'customers.csv'), 'email,name,country\nanna@example.com,Anna,NL\nbram@example.com,Bram\ncarla@example.com,Carla,BE\n');
  return writeFlow('flow.json', {
    nodes: [
      { id: 'read', type: 'file.source.read', config: { path: 'customers.csv', format: 'csv', keyField: 'email' } },
      { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'email', expr: 'email' }, { target: 'label', expr: 'name & " (" & country & ")"' }] } },
      { id: 'write', type: 'file.target.write', config: { path: 'out/customers.ndjson', format: 'ndjson' } },
    ],
    edges: [
      { from: { node: 'read', port: 'out' }, to: { node: 'map', port: 'in' } },
      { from: { node: 'map', port: 'out' }, to: { node: 'write', port: 'in' } },
    ],
  });
};

describe('sincro (CLI)', () => {
  it('runs a flow file: a bad CSV row fails alone, exit code 1, history and lineage kept', async () => {
    const flow = customersFlow();
    const run = await sincro('run', flow);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/: PARTIAL in/);
    expect(run.out).toMatch(/3 read · 2 done · 0 skipped · 1 failed/);
    expect(run.out).toMatch(/sincro runs show run_\S+ --records --status failed/);
    expect(readFileSync(join(dir.path, 'out/customers.ndjson'), 'utf8')).toBe('{"email":"anna@example.com","label":"Anna (NL)"}\n{"email":"carla@example.com","label":"Carla (BE)"}\n');

    const runId = /Run (run_\S+)/.exec(run.out)?.[1] ?? '';
    const show = await sincro('runs', 'show', runId, '--records', '--status', 'failed');
    expect(show.out).toContain('line 3 of');
    expect(show.out).toContain('has 2 columns, but the header has 3');
    const found = await sincro('runs', 'find', 'anna@example.com', '--json');
    expect(JSON.parse(found.out)[0].lineage.map((s: { node: string }) => s.node)).toEqual(['read', 'map', 'write']);
    expect((await sincro('flows', 'list')).out).toMatch(/csv-to-ndjson\s+Customers to NDJSON\s+1/);
  });

  it('prints its version with --version (and -V), exit 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await sincro(flag);
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(version);
    }
  });

  it('prints the summary as JSON and exits 0 when every record went through', async () => {
    writeFileSync(join(dir.path, 'customers.csv'), 'email,name,country\nanna@example.com,Anna,NL\n');
    const flow = customersFlow();
    writeFileSync(join(dir.path, 'customers.csv'), 'email,name,country\nanna@example.com,Anna,NL\n');
    const run = await sincro('run', flow, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ status: 'succeeded', read: 1, ok: 1, nodes: { write: { created: 1 } } });
  });

  it('a dry run writes nothing', async () => {
    const run = await sincro('run', customersFlow(), '--dry-run');
    expect(run.out).toMatch(/^Dry run/);
    expect(run.out).toContain('would create');
    // The screen's words for a dry run: nothing was done.
    expect(run.out).toContain('3 read · 2 would go through · 0 would be skipped · 1 would fail');
    expect(run.out).not.toMatch(/\bdone\b/);
    expect(existsSync(join(dir.path, 'out/customers.ndjson'))).toBe(false);
  });

  it('exits 2 and names node and field for an invalid flow, a bad expression, bad JSON or a missing file', async () => {
    const unknownType = writeFlow('a.json', { nodes: [{ id: 'n1', type: 'acme.magic' }] });
    let r = await sincro('run', unknownType);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Node "n1" has an unknown type "acme.magic"');

    const badExpr = writeFlow('b.json', {
      nodes: [
        { id: 'src', type: 'core.source.sample', config: { records: [{}] } },
        { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'x', expr: 'a +' }] } },
      ],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }],
    });
    r = await sincro('run', badExpr);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Node "map" \(Map fields\): fields\[0\]\.expr is not a valid expression.*\[node map, config\.fields\[0\]\.expr\]/);

    writeFileSync(join(dir.path, 'c.json'), '{ "schemaVersion": 1, ');
    r = await sincro('run', join(dir.path, 'c.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/c\.json is not valid JSON/);

    const missing = writeFlow('d.json', { nodes: [{ id: 'read', type: 'file.source.read', config: { path: 'gone.csv', format: 'csv' } }] });
    r = await sincro('run', missing);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Node "read" (Read file): the file ${join(dir.path, 'gone.csv')} does not exist.`);

    r = await sincro('run', 'no-such-flow-id');
    expect(r.code).toBe(2);
    expect(r.err).toContain('sincro flows list');
  });

  it('imports, exports and versions flows', async () => {
    const flow = customersFlow();
    expect((await sincro('flows', 'import', flow)).out).toContain('as version 1');
    expect((await sincro('flows', 'import', flow)).out).toContain('is unchanged');
    const out = join(dir.path, 'exported.json');
    expect((await sincro('flows', 'export', 'csv-to-ndjson', '--out', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id: 'csv-to-ndjson', nodes: [{ id: 'read' }, { id: 'map' }, { id: 'write' }] });
    const run = await sincro('run', 'csv-to-ndjson');
    expect(run.out).toContain('(version 1)');
  });

  it('refuses a damaged data file with exit 3 and leaves it untouched', async () => {
    await sincro('flows', 'list');
    writeFileSync(join(dataDir, DB_FILE), 'garbage'.repeat(2000));
    const before = readFileSync(join(dataDir, DB_FILE));
    const r = await sincro('flows', 'list');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/is not a SQLite database, or its first page is damaged \(SQLITE_NOTADB\)\. It was left untouched/);
    expect(readFileSync(join(dataDir, DB_FILE)).equals(before)).toBe(true);
  });

  it('stores connections with their secrets hidden, and tests them in words', async () => {
    const server = createServer((_req, res) => res.writeHead(_req.headers.authorization === 'Bearer tok-123' ? 200 : 401).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      process.env['SINCRO_TEST_TOKEN'] = 'tok-123';
      const added = await sincro('connections', 'add', 'http', '--id', 'api', '--name', 'My API', '--set', `baseUrl=${url}`, '--set', 'auth=bearer', '--secret-env', 'token=SINCRO_TEST_TOKEN');
      expect(added.out).toContain('Stored connection api');
      const list = await sincro('connections', 'list', '--json');
      expect(list.out).not.toContain('tok-123');
      expect(JSON.parse(list.out)[0].secretFields).toEqual(['token']);
      expect((await sincro('connections', 'test', 'api')).out).toBe(`OK: ${url} answered (HTTP 200).\n`);
      await sincro('connections', 'add', 'http', '--id', 'bad', '--name', 'Wrong token', '--set', `baseUrl=${url}`, '--set', 'auth=bearer', '--secret', 'token=nope');
      const bad = await sincro('connections', 'test', 'bad');
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('the credentials were refused');
      const invalid = await sincro('connections', 'add', 'http', '--name', 'x', '--set', 'baseUrl=ftp://x');
      expect(invalid.code).toBe(2);
      expect(invalid.err).toContain('baseUrl must be an http:// or https:// address');
    } finally {
      delete process.env['SINCRO_TEST_TOKEN'];
      server.close();
    }
  });

  it('says in `connections add --help` that --name is required, and refuses an add without it', async () => {
    const help = await sincro('connections', 'add', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: sincro connections add <kind> --name <name> [options]');
    expect(help.out).toMatch(/--name <name>\s+a name to recognise it by \(required\)/);
    const without = await sincro('connections', 'add', 'mplus', '--set', 'apiAddress=https://api.mpluskassa.nl:44281');
    expect(without.code).toBe(2);
    expect(without.err).toContain("required option '--name <name>' not specified");
  });

  it('purges old history', async () => {
    await sincro('run', customersFlow());
    const r = await sincro('purge', '--older-than', '0');
    expect(r.out).toMatch(/Deleted 1 run\(s\) with 3 record\(s\)/);
    expect((await sincro('runs', 'list')).out).toContain('No runs yet.');
  });

  it('works as an installed command, and Ctrl-C cancels a run cleanly (exit 130)', async () => {
    const flow = writeFlow('long.json', {
      nodes: [
        { id: 'src', type: 'file.source.read', config: { path: 'many.ndjson', format: 'ndjson' } },
        { id: 'send', type: 'http.target.request', config: { url: 'http://127.0.0.1:9/x', retries: 20, timeoutMs: 100 } },
      ],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
    });
    writeFileSync(join(dir.path, 'many.ndjson'), '{"a":1}\n'.repeat(100));
    const child = spawn(process.execPath, [resolve('bin/sincro.js'), '--data-dir', dataDir, 'run', flow], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    // Ctrl-C once the run is going (however long the machine takes to start the command).
    for (let waited = 0; waited < 30_000 && !(await sincro('runs', 'list', '--status', 'running')).out.includes('Customers to NDJSON'); waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(out).toMatch(/CANCELLED/);
    expect((await sincro('runs', 'list', '--status', 'cancelled')).out).toContain('Customers to NDJSON');
  });
});
