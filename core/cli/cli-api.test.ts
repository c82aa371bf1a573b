/**
 * The CLI goes through the same API service as the screen: what that service does beyond the
 * store (a connection's last test kept, a schedule's cron checked on save, a taken id refused, the
 * sign-in of connections.signIn) happens for `sincro` too, and no scheduler runs behind a command.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTeamleaderSandbox, type TeamleaderSandbox } from '../connectors/teamleader/sandbox/server';
import { Store } from '../store/store';
import { sincroIn } from '../testing/cli-call';
import { tempDir } from '../testing/golden';
import { main } from './main';

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
beforeEach(() => {
  dir = tempDir('sincro-cli-api-');
  dataDir = join(dir.path, 'data');
});
afterEach(() => dir.remove());

const sincro = (...args: string[]) => sincroIn(dataDir, ...args);

function scheduledFlow(cron: string): string {
  const path = join(dir.path, 'scheduled.json');
  const nodes = [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }];
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, id: 'scheduled', name: 'Scheduled', settings: {}, nodes, edges: [], schedule: { enabled: true, cron } }));
  return path;
}

describe('sincro through the API service', () => {
  it('keeps a connection test as its last test, as the Connections screen shows it', async () => {
    expect((await sincro('connections', 'add', 'http', '--id', 'gone', '--name', 'Nothing there', '--set', 'baseUrl=http://127.0.0.1:1')).code).toBe(0);
    const test = await sincro('connections', 'test', 'gone');
    expect(test.code).toBe(1);
    const [listed] = JSON.parse((await sincro('connections', 'list', '--json')).out) as Array<{ lastTest: { ok: boolean; message: string } | null }>;
    expect(listed?.lastTest).toMatchObject({ ok: false, message: test.out.replace(/^FAILED: /, '').trim() });
  });

  it('refuses an id that is taken with exit 2, and keeps the first connection', async () => {
    expect((await sincro('connections', 'add', 'http', '--id', 'api', '--name', 'First', '--set', 'baseUrl=http://127.0.0.1:1')).code).toBe(0);
    const again = await sincro('connections', 'add', 'http', '--id', 'api', '--name', 'Second', '--set', 'baseUrl=http://127.0.0.1:2');
    expect(again).toMatchObject({ code: 2, err: expect.stringContaining('There is a connection "api" already') });
    expect(JSON.parse((await sincro('connections', 'list', '--json')).out)).toEqual([expect.objectContaining({ id: 'api', name: 'First' })]);
  });

  it('refuses to import a flow whose schedule cannot be read (exit 2), and stores nothing', async () => {
    const r = await sincro('flows', 'import', scheduledFlow('every tuesday'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/every tuesday/);
    expect((await sincro('flows', 'list')).out).toContain('No flows are stored yet.');
  });

  it('starts no scheduler: a command on a data folder with a flow on a schedule takes no lock and logs no tick', async () => {
    expect((await sincro('flows', 'import', scheduledFlow('* * * * *'))).code).toBe(0);
    expect((await sincro('flows', 'list')).code).toBe(0);
    const store = Store.open({ dataDir });
    try {
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM scheduler_lock').get()).toEqual({ n: 0 });
      expect(store.schedules.log({ limit: 10 })).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('a retry (runs.retry, in the RunManager) of a flow that now has a problem is refused with exit 2, naming node and field', async () => {
    const path = join(dir.path, 'orders.json');
    const write = (expr: string) => {
      const nodes = [
        { id: 'src', type: 'core.source.sample', config: { records: [{ id: 'o1', total: '10' }, { id: 'o2' }], keyField: 'id' } },
        { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'total', expr }] } },
      ];
      writeFileSync(path, JSON.stringify({ schemaVersion: 1, id: 'orders', name: 'Orders', settings: {}, nodes, edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }] }));
      return path;
    };
    const first = await sincro('run', write('$number(total)'));
    expect(first.code).toBe(1);
    const runId = /Run (run_\S+)/.exec(first.out)?.[1] ?? '';
    expect((await sincro('flows', 'import', write('total +'))).code).toBe(0);
    const retry = await sincro('runs', 'retry', runId);
    expect(retry.code).toBe(2);
    expect(retry.err).toMatch(/The flow "Orders" cannot run:\n {2}- Node "map" \(Map fields\): fields\[0\]\.expr is not a valid expression/);
    const json = await sincro('runs', 'retry', runId, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, problems: [expect.objectContaining({ node: 'map' })] });
  });

  it('a template run again keeps the stored flow’s schedule and says which of its settings it changes', async () => {
    expect((await sincro('connections', 'add-sandbox', 'mplus')).code).toBe(0);
    expect((await sincro('connections', 'add-sandbox', 'teamleader')).code).toBe(0);
    const first = await sincro('run', '--template', 'products-mplus-to-teamleader', '--set', 'priceIncludesVat=true');
    expect(first.err).not.toContain('had other settings');
    const flows = JSON.parse((await sincro('flows', 'list', '--json')).out) as Array<{ id: string }>;
    const id = flows[0]?.id ?? '';
    const exported = JSON.parse((await sincro('flows', 'export', id)).out) as Record<string, unknown>;
    const file = join(dataDir, '..', 'scheduled.flow.json');
    writeFileSync(file, JSON.stringify({ ...exported, schedule: { enabled: true, cron: '0 3 * * *' } }));
    expect((await sincro('flows', 'import', file)).code).toBe(0);

    const again = await sincro('run', '--template', 'products-mplus-to-teamleader');
    expect(again.err).toContain(`The stored flow "${id}" had other settings; this run stores the template's with yours as a new version: priceIncludesVat true → false.`);
    const listed = JSON.parse((await sincro('flows', 'list', '--json')).out) as Array<{ schedule?: { cron: string } }>;
    expect(listed[0]?.schedule).toMatchObject({ cron: '0 3 * * *' });
  }, 120_000);

  it('settings: a mistyped name gets a "did you mean", a wrong value a plain sentence (exit 2)', async () => {
    expect(await sincro('settings', 'set', 'retentionDay', '5')).toMatchObject({ code: 2, err: expect.stringContaining('There is no setting "retentionDay" (did you mean "retentionDays"?)') });
    expect(await sincro('settings', 'get', 'notifyon')).toMatchObject({ code: 2, err: expect.stringContaining('(did you mean "notifyOn"?)') });
    expect(await sincro('settings', 'set', 'retentionDays', '0')).toMatchObject({ code: 2, err: expect.stringContaining('setting retentionDays: must be at least 1.') });
    expect(await sincro('settings', 'set', 'retentionDays', '"x"')).toMatchObject({ code: 2, err: expect.stringContaining('setting retentionDays: must be a number.') });
    expect(await sincro('settings', 'set', 'retentionDays', '7')).toMatchObject({ code: 0, out: 'retentionDays = 7\n' });
  });

  it('lists and forgets id ledger entries (ledger.list, ledger.forget), and says what is wrong with a filter', async () => {
    expect((await sincro('ledger', 'list')).out).toBe('The ledger is empty.\n');
    const store = Store.open({ dataDir });
    try {
      store.ledger.begin('tl', 'contact', 'c-1', 'run_1');
      store.ledger.commit('tl', 'contact', 'c-2', 't-2', null, 'run_1');
    } finally {
      store.close();
    }
    expect((await sincro('ledger', 'list', '--state', 'done')).out).toMatch(/^tl\s+contact\s+c-2\s+t-2\s+done/m);
    expect(JSON.parse((await sincro('ledger', 'list', '--state', 'pending', '--json')).out)).toEqual([expect.objectContaining({ sourceId: 'c-1', targetId: null, state: 'pending' })]);
    expect(await sincro('ledger', 'list', '--state', 'pendin')).toMatchObject({ code: 2, err: expect.stringContaining('--state must be pending or done, not "pendin" (did you mean "pending"?)') });
    expect((await sincro('ledger', 'forget', 'tl', 'contact', 'c-2')).out).toContain('Forgot contact c-2 in tl');
    expect(await sincro('ledger', 'forget', 'tl', 'contact', 'c-2')).toMatchObject({ code: 2, err: expect.stringContaining('The ledger has no entry tl contact c-2.') });
    expect(JSON.parse((await sincro('ledger', 'list', '--json')).out)).toHaveLength(1);
  });

  describe('connections connect (connections.signIn)', () => {
    let sandbox: TeamleaderSandbox;
    beforeAll(async () => {
      sandbox = await startTeamleaderSandbox();
    });
    afterAll(() => sandbox.close());

    it('prints the address to sign in at, waits for the answer and keeps it as the last test', async () => {
      const add = await sincro('connections', 'add', 'teamleader', '--id', 'tl', '--name', 'Teamleader', '--set', `baseUrl=${sandbox.url}`, '--set', `authBaseUrl=${sandbox.url}`, '--set', 'redirectPort=0', '--secret', `clientId=${sandbox.clientId}`, '--secret', `clientSecret=${sandbox.clientSecret}`);
      expect(add.code, add.err).toBe(0);
      let out = '';
      let browsed: Promise<void> | undefined;
      const io = {
        isTty: false,
        err: () => undefined,
        out: (t: string) => {
          out += `${t}\n`;
          const url = /^\s+(http\S+)$/m.exec(t)?.[1];
          // What a person does with the printed address: open it, allow Sincro, come back.
          if (url)
            browsed = (async () => {
              const consent = await fetch(url, { redirect: 'manual' });
              await (await fetch(consent.headers.get('location') ?? '')).text();
            })();
        },
      };
      const code = await main(['--data-dir', dataDir, 'connections', 'connect', 'tl'], io);
      await browsed;
      expect(out).toContain('Open this address in a browser and sign in to Teamleader:');
      expect(out).toContain('OK: Signed in to Teamleader. Connected as Sanne Verbeek of Demowinkel BV.');
      expect(code).toBe(0);
      const [listed] = JSON.parse((await sincro('connections', 'list', '--json')).out) as Array<{ lastTest: { ok: boolean } | null }>;
      expect(listed?.lastTest).toMatchObject({ ok: true });

      const http = await sincro('connections', 'add', 'http', '--id', 'plain', '--name', 'Plain', '--set', 'baseUrl=http://127.0.0.1:1');
      expect(http.code).toBe(0);
      expect(await sincro('connections', 'connect', 'plain')).toMatchObject({ code: 1, out: expect.stringMatching(/^FAILED: .*nothing to sign in to/) });
    }, 30_000);
  });
});
