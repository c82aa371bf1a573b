/** `sincro connections add | list | test | remove`: stored connections, secrets encrypted. */
import type { Command } from 'commander';
import { newSandboxConnection } from '../../catalog';
import { authorizeTeamleaderConnection } from '../../connectors/teamleader/connection-kinds';
import { describeIssue, formatPath } from '../../flow/validate-flow';
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
    .action((kindName: string, opts: { name: string; id?: string; set: string[]; secret: string[]; secretEnv: string[] }) => {
      const kind = env.connectionKinds.get(kindName);
      if (!kind) throw new UsageError(`There is no connection kind "${kindName}". Kinds: ${env.connectionKinds.list().map((k) => k.kind).join(', ')}.`);
      const fromEnv = Object.fromEntries(
        Object.entries(pairs(opts.secretEnv, '--secret-env')).map(([k, v]) => {
          const value = process.env[v];
          if (value === undefined) throw new UsageError(`--secret-env ${k}=${v}: the environment variable ${v} is not set`);
          return [k, value];
        }),
      );
      const config = kind.config.safeParse(typed(pairs(opts.set, '--set')));
      if (!config.success) throw new UsageError(`The ${kind.title} connection's settings are not right:\n${config.error.issues.map((i) => `  - ${formatPath(i.path)} ${describeIssue(i)}`).join('\n')}`);
      const secrets = kind.secrets.safeParse({ ...pairs(opts.secret, '--secret'), ...fromEnv });
      if (!secrets.success) throw new UsageError(`The ${kind.title} connection's secrets are not right:\n${secrets.error.issues.map((i) => `  - ${formatPath(i.path)} ${describeIssue(i)}`).join('\n')}`);
      const info = env.store().connections.add({ id: opts.id, kind: kind.kind, name: opts.name, config: config.data, secrets: secrets.data });
      io.out(`Stored connection ${info.id} (${kind.title}: ${info.name}).`);
    });

  connections
    .command('list')
    .option('--json', 'print JSON (without secret values)')
    .action((opts: { json?: boolean }) => {
      const list = env.store().connections.list();
      if (opts.json) return io.out(JSON.stringify(list, null, 2));
      io.out(list.length ? table(['id', 'kind', 'name', 'settings', 'secrets'], list.map((c) => [c.id, c.kind, c.name, JSON.stringify(c.config), c.secretFields.join(', ')])) : 'No connections are stored yet.');
    });

  connections
    .command('kinds')
    .description('the kinds of connection this Sincro knows')
    .action(() => io.out(table(['kind', 'app', 'title'], env.connectionKinds.list().map((k) => [k.kind, k.app, k.title]))));

  connections
    .command('test')
    .argument('<id>')
    .action(async (id: string) => {
      const conn = env.store().connections.get(id);
      if (!conn) throw new UsageError(`There is no connection "${id}".`);
      const kind = env.connectionKinds.get(conn.kind);
      if (!kind) throw new UsageError(`The connection "${id}" is of kind "${conn.kind}", which this Sincro does not know.`);
      const result = await kind.test(conn, undefined, (secrets) => env.store().connections.updateSecrets(id, secrets));
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
      const store = env.store();
      const made = await newSandboxConnection(app, store.dataDir);
      const info = store.connections.add({ ...made, name: opts.name ?? made.name });
      io.out(`Stored connection ${info.id} (${info.name}). Its data is kept in ${String(made.config['stateFile'])}.`);
    });

  connections
    .command('connect')
    .description('sign in to Teamleader for a stored connection (prints the address to open in a browser)')
    .argument('<id>')
    .action(async (id: string) => {
      const result = await authorizeTeamleaderConnection(env.store().connections, id, async (url) => io.out(`Open this address in a browser and sign in to Teamleader:\n  ${url}\nWaiting for the sign-in…`));
      io.out(`${result.ok ? 'OK' : 'FAILED'}: ${result.message}`);
      env.exitCode = result.ok ? 0 : 1;
    });

  connections
    .command('remove')
    .argument('<id>')
    .action((id: string) => {
      if (!env.store().connections.remove(id)) throw new UsageError(`There is no connection "${id}".`);
      io.out(`Removed connection ${id}.`);
    });
}
