/**
 * A target that echoes what it was sent (here a real API on 127.0.0.1 answering with the request's
 * headers) must not put a connection's secrets into the run history, in any form they travelled in.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
let server: Server | undefined;
beforeEach(() => {
  dir = tempDir('sincro-mask-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => {
  server?.close();
  dir.remove();
});

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

/** Answers with the headers it got: 201 on /echo/…, 400 (the headers in the refusal) on /refuse/…. */
async function echoApi(): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { authorization, 'x-api-key': apiKey } = req.headers;
      const body = JSON.stringify({ authorization, apiKey, id: `e${++n}`, url: req.url, headers: req.headers });
      res.writeHead(req.url?.startsWith('/refuse') ? 400 : 201, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const TOKEN = 'sk_live_51HxTokenThatMustNotLeak';
const USER = 'webshop-sync';
const PASSWORD = 'p@ss "w0rd" with quotes';
const API_KEY = 'key-7f3a9c1e-d00d';
const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const leaks = [TOKEN, PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), API_KEY, basic];

describe('secrets in the run history', () => {
  it('are masked in lineage, answers and messages, and appear nowhere in the data file', async () => {
    const url = await echoApi();
    const add = (id: string, ...args: string[]) => sincro('connections', 'add', 'http', '--id', id, '--name', id, '--set', `baseUrl=${url}`, ...args);
    expect((await add('bearer', '--set', 'auth=bearer', '--secret', `token=${TOKEN}`)).code).toBe(0);
    expect((await add('basic', '--set', 'auth=basic', '--secret', `username=${USER}`, '--secret', `password=${PASSWORD}`)).code).toBe(0);
    expect((await add('key', '--set', 'auth=header', '--set', 'headerName=X-Api-Key', '--secret', `headerValue=${API_KEY}`)).code).toBe(0);

    const target = (id: string) => ({ id, type: 'http.target.request', config: { connection: id, url: '/{{path}}/{{id}}', idField: 'id' } });
    const flow = join(dir.path, 'flow.json');
    writeFileSync(
      flow,
      JSON.stringify({
        schemaVersion: 1,
        id: 'echo',
        name: 'Echo',
        settings: {},
        nodes: [
          { id: 'orders', type: 'core.source.sample', config: { keyField: 'id', records: [{ id: 'o1', path: 'echo' }, { id: 'o2', path: 'refuse' }, { id: 'o3', path: 'echo', note: 'a value that is no secret' }] } },
          target('bearer'),
          target('basic'),
          target('key'),
        ],
        edges: ['bearer', 'basic', 'key'].map((to) => ({ from: { node: 'orders', port: 'out' }, to: { node: to, port: 'in' } })),
      }),
    );
    const run = await sincro('run', flow, '--json');
    expect(run.code).toBe(1);
    const runId = (JSON.parse(run.out) as { runId: string }).runId;

    const shown = (await sincro('runs', 'show', runId, '--records', '--json')).out;
    const { records } = JSON.parse(shown) as { records: Array<{ key: string; node: string; status: string; message: string | null; lineage: Array<{ answer?: { body: Record<string, unknown> } }> }> };
    expect(records).toHaveLength(9);
    const answer = (node: string, key: string) => records.find((r) => r.node === node && r.key === key)?.lineage.at(-1)?.answer?.body;
    expect(answer('bearer', 'o1')).toMatchObject({ authorization: 'Bearer •••', id: expect.stringMatching(/^e\d+$/), url: '/echo/o1' });
    expect(answer('basic', 'o1')).toMatchObject({ authorization: 'Basic •••' });
    expect(answer('key', 'o3')).toMatchObject({ apiKey: '•••', headers: { 'x-api-key': '•••' } });
    expect(answer('key', 'o3')).toMatchObject({ url: '/echo/o3' });
    const refused = records.filter((r) => r.status === 'failed');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.message).toMatch(/was refused: HTTP 400 .*•••/);
    expect(records.find((r) => r.key === 'o3')?.lineage[0]).toMatchObject({ data: { note: 'a value that is no secret' } });

    const texts = [shown, run.out, (await sincro('runs', 'show', runId, '--records')).out, (await sincro('runs', 'find', 'o2', '--json')).out];
    for (const text of texts) for (const secret of leaks) expect(text).not.toContain(secret);

    // The raw bytes of the database, its WAL and anything else in the data folder.
    await sincro('runs', 'list');
    for (const file of readdirSync(dataDir)) {
      const bytes = readFileSync(join(dataDir, file));
      for (const secret of leaks) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
    }
  });
});
