/**
 * `sincro connections add | list | test | remove | add-sandbox | connect | kinds`: stored
 * connections, secrets encrypted; through the API service as the screen does it (so a test is
 * kept with the connection as its last test there too).
 */
import type { Command } from 'commander';
import type { FlowProblem } from '../../api/flow-document';
import { UsageError } from '../exit-codes';
import type { CliEnv } from '../cli-env';
import { table } from '../output';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function pairs(list: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const i = item.indexOf('=');
    if (i < 1) throw new UsageError(`${what} "${item}" must look like name=value`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** Settings given as text become numbers or booleans where they look like one. */
function typed(values: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v]));
}

/** The API's problems with a new connection, as this command has always listed them. */
function notRight(title: string, problems: FlowProblem[]): string | undefined {
  for (const [part, words] of [['config', 'settings'], ['secrets', 'secrets']] as const) {
    const here = problems.filter((p) => p.path === part || p.path?.startsWith(`${part}.`) || p.path?.startsWith(`${part}[`));
    if (here.length) return `The ${title} connection's ${words} are not right:\n${here.map((p) => `  - ${`${(p.path ?? '').slice(part.length + 1)} ${p.message}`.trim()}`).join('\n')}`;
  }
  return undefined;
}

/** Sign-in answers come within this long per question (the sign-in itself gives up after its own time). */
const SIGN_IN_POLL_MS = 60_000;

export function registerConnections(program: Command, env: CliEnv): void {
  const connections = program.command('connections').description('connections to apps (secrets are stored encrypted and never printed)');
  const { io } = env;

  connections
    .command('add')
    .usage('<kind> --name <name> [options]')
    .description('store a connection, e.g. sincro connections add mplus --name "My shop" --set apiAddress=https://api.mpluskassa.nl:44281 --secret-env ident=MPLUS_IDENT --secret-env secret=MPLUS_SECRET')
    .argument('<kind>', 'the kind of connection (see `sincro connections kinds`)')
    .requiredOption('--name <name>', 'a name to recognise it by (required)')
    .option('--id <id>', 'an id of your choice (flows refer to connections by id)')
    .option('--set <name=value>', 'a setting, e.g. --set baseUrl=https://api.example.com (repeatable)', collect, [])
    .option('--secret <name=value>', 'a secret, e.g. --secret token=… (repeatable; prefer --secret-env)', collect, [])
    .option('--secret-env <name=VAR>', 'a secret read from an environment variable (repeatable)', collect, [])
    .action(async (kindName: string, opts: { name: string; id?: string; set: string[]; secret: string[]; secretEnv: string[] }) => {
      const kind = env.connectionKinds.get(kindName);
      if (!kind) throw new UsageError(`There is no connection kind "${kindName}". Kinds: ${env.connectionKinds.list().map((k) => k.kind).join(', ')}.`);
      const fromEnv = Object.fromEntries(
        Object.entries(pairs(opts.secretEnv, '--secret-env')).map(([k, v]) => {
          const value = process.env[v];
          if (value === undefined) throw new UsageError(`--secret-env ${k}=${v}: the environment variable ${v} is not set`);
          return [k, value];
        }),
      );
      const config = typed(pairs(opts.set, '--set'));
      const secrets = { ...pairs(opts.secret, '--secret'), ...fromEnv };
      let info: Awaited<ReturnType<typeof env.call<'connections.add'>>>;
      try {
        info = await env.call('connections.add', { id: opts.id, kind: kind.kind, name: opts.name, config, secrets });
      } catch (e) {
        const words = e instanceof UsageError ? notRight(kind.title, e.problems) : undefined;
        throw words ? new UsageError(words, e instanceof UsageError ? e.problems : []) : e;
      }
      io.out(`Stored connection ${info.id} (${kind.title}: ${info.name}).`);
    });

  connections
    .command('list')
    .option('--json', 'print JSON (without secret values)')
    .action(async (opts: { json?: boolean }) => {
      const list = await env.call('connections.list', {});
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      io.out(list.length ? table(['id', 'kind', 'name', 'settings', 'secrets'], list.map((c) => [c.id, c.kind, c.name, JSON.stringify(c.config), c.secretFields.join(', ')])) : 'No connections are stored yet.');
    });

  connections
    .command('kinds')
    .description('the kinds of connection this Sincro knows')
    .action(async () => io.out(table(['kind', 'app', 'title'], (await env.call('connectionKinds.list', {})).map((k) => [k.kind, k.app, k.title]))));

  connections
    .command('test')
    .argument('<id>')
    .action(async (id: string) => {
      const conn = (await env.call('connections.list', {})).find((c) => c.id === id);
      if (!conn) throw new UsageError(`There is no connection "${id}".`);
      if (!env.connectionKinds.get(conn.kind)) throw new UsageError(`The connection "${id}" is of kind "${conn.kind}", which this Sincro does not know.`);
      const result = await env.call('connections.test', { id });
      io.out(`${result.ok ? 'OK' : 'FAILED'}: ${result.message}`);
      env.exitCode = result.ok ? 0 : 1;
    });

  connections
    .command('add-sandbox')
    .description('store a connection to a local sandbox of the app with demo data (it starts by itself when a flow uses it)')
    .argument('<app>', 'mplus or teamleader')
    .option('--name <name>', 'a name to recognise it by')
    .action(async (app: string, opts: { name?: string }) => {
      if (app !== 'mplus' && app !== 'teamleader') throw new UsageError(`There is a sandbox for mplus and for teamleader, not for "${app}".`);
      const info = await env.call('connections.addSandbox', { app, name: opts.name });
      io.out(`Stored connection ${info.id} (${info.name}). Its data is kept in ${String(info.config['stateFile'])}.`);
    });

  connections
    .command('connect')
    .description('sign in to Teamleader for a stored connection (prints the address to open in a browser)')
    .argument('<id>')
    .action(async (id: string) => {
      let result: { ok: boolean; message: string };
      try {
        const { url } = await env.call('connections.signIn', { id });
        io.out(`Open this address in a browser and sign in to Teamleader:\n  ${url}\nWaiting for the sign-in…`);
        let answer = await env.call('connections.signInResult', { id, waitMs: SIGN_IN_POLL_MS });
        while (answer.state === 'waiting') answer = await env.call('connections.signInResult', { id, waitMs: SIGN_IN_POLL_MS });
        result = answer.state === 'done' ? answer : { ok: false, message: 'The sign-in was cancelled.' };
      } catch (e) {
        // A sign-in that cannot start (no such connection, not a Teamleader one) is said as before: FAILED, exit 1.
        if (!(e instanceof UsageError)) throw e;
        result = { ok: false, message: e.message };
      }
      io.out(`${result.ok ? 'OK' : 'FAILED'}: ${result.message}`);
      env.exitCode = result.ok ? 0 : 1;
    });

  connections
    .command('remove')
    .argument('<id>')
    .action(async (id: string) => {
      if (!(await env.call('connections.remove', { id })).removed) throw new UsageError(`There is no connection "${id}".`);
      io.out(`Removed connection ${id}.`);
    });
}
