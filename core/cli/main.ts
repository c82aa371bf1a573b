/**
 * `sincro`: everything the desktop app can do, headless. Each command lives in its own file under
 * commands/; this file wires them, opens the store lazily, and turns errors into the documented
 * exit codes with a message that says what to change.
 *
 * Only what a call needs is loaded: the command it names (with the store, the node types and the
 * connectors), all of them for the help, nothing for `--version`. That keeps start-up short.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { join } from 'node:path';
import type { ApiService } from '../host/api-service';
import type { Store } from '../store/store';
import type { CliEnv } from './cli-env';
import { EXIT, UsageError } from './exit-codes';
import { processIo, type Io } from './output';

type Register = (program: Command, env: CliEnv) => void;

/** Every command, by name, loaded when used. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./commands/run')).registerRun,
  flows: async () => (await import('./commands/flows')).registerFlows,
  runs: async () => (await import('./commands/runs')).registerRuns,
  purge: async () => (await import('./commands/purge')).registerPurge,
  schedule: async () => (await import('./commands/schedule')).registerSchedule,
  settings: async () => (await import('./commands/settings')).registerSettings,
  ledger: async () => (await import('./commands/ledger')).registerLedger,
  connections: async () => (await import('./commands/connections')).registerConnections,
  bench: async () => (await import('./commands/bench')).registerBench,
  serve: async () => (await import('./commands/serve')).registerServe,
  sandbox: async () => (await import('./commands/sandbox')).registerSandbox,
  templates: async () => (await import('./commands/templates')).registerTemplates,
  demo: async () => (await import('./commands/demo')).registerDemo,
  doctor: async () => (await import('./commands/doctor')).registerDoctor,
};

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The command an argument list names (after the global options), if any. */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--data-dir') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** What the commands share: the store and the generic node types; loaded with the first command. */
async function loadRuntime() {
  const [store, dataDir, database, flowFile, builtin] = await Promise.all([
    import('../store/store'),
    import('../store/data-dir'),
    import('../store/database'),
    import('../flow/flow-file'),
    import('../nodes/builtin'),
  ]);
  return {
    Store: store.Store,
    DB_FILE: store.DB_FILE,
    resolveDataDir: dataDir.resolveDataDir,
    StoreError: database.StoreError,
    explainSqliteError: database.explainSqliteError,
    FlowFileError: flowFile.FlowFileError,
    builtin,
  };
}
type Runtime = Awaited<ReturnType<typeof loadRuntime>>;
type Catalog = typeof import('../catalog');

/** Commands that load the connectors only for a flow that uses them. */
const WITHOUT_CATALOG = new Set(['run']);

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const named = commandOf(argv);
  const wanted = named !== undefined && named in COMMANDS ? [named] : argv.includes('--version') || argv.includes('-V') ? [] : Object.keys(COMMANDS);
  const [runtime, preloaded] = wanted.length ? await Promise.all([loadRuntime(), named && WITHOUT_CATALOG.has(named) ? undefined : import('../catalog')]) : [];
  let catalog: Catalog | undefined = preloaded;
  let store: Store | undefined;
  let api: Promise<ApiService> | undefined;
  let dataDirFlag: string | undefined;
  let registry: CliEnv['registry'] | undefined;
  let connectionKinds: CliEnv['connectionKinds'] | undefined;
  const loaded = () => {
    if (!runtime) throw new Error('the runtime is not loaded');
    return runtime;
  };
  const env: CliEnv = {
    io,
    store() {
      const { Store, resolveDataDir } = loaded();
      store ??= Store.open({ dataDir: resolveDataDir(dataDirFlag) });
      return store;
    },
    api() {
      // The store first, outside the promise: a store that cannot be opened is exit 3 as before.
      const opened = env.store();
      api ??= import('../host/create-api-service').then((m) => m.createApiService(opened, 'cli'));
      return api;
    },
    async call(method, input) {
      const [service, { ApiError }] = await Promise.all([env.api(), import('../host/api-error')]);
      try {
        return (await service.call(method, input)) as never;
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'bad-input' || e.code === 'not-found')) throw new UsageError(e.message, e.problems);
        throw e;
      }
    },
    dataDir: () => loaded().resolveDataDir(dataDirFlag),
    get registry() {
      if (!catalog) throw new Error('the catalog is not loaded');
      registry ??= catalog.createRegistry();
      return registry;
    },
    get connectionKinds() {
      if (!catalog) throw new Error('the catalog is not loaded');
      connectionKinds ??= catalog.createConnectionKinds();
      return connectionKinds;
    },
    async registryFor(doc) {
      const { builtin } = loaded();
      if (!catalog && doc.nodes.every((n) => builtin.builtinNodeTypes.some((t) => t.type === n.type))) return builtin.builtinRegistry();
      catalog ??= await import('../catalog');
      return env.registry;
    },
    exitCode: EXIT.ok,
  };

  const program = new Command('sincro')
    .description('Sincro: draw data-sync flows between business apps and run them locally.')
    .version(VERSION, '-V, --version', 'print the version of sincro')
    .option('--data-dir <dir>', 'where the store lives (default: the OS app-data folder for Sincro, or $SINCRO_DATA_DIR)')
    .showHelpAfterError('(run sincro --help for the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .hook('preAction', (cmd) => {
      dataDirFlag = cmd.opts<{ dataDir?: string }>().dataDir;
    });

  for (const register of await Promise.all(wanted.map((name) => (COMMANDS[name] as () => Promise<Register>)()))) register(program, env);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return env.exitCode;
  } catch (e) {
    return reportError(e, io, runtime, store?.db.name ?? (runtime ? join(runtime.resolveDataDir(dataDirFlag), runtime.DB_FILE) : 'the data file'));
  } finally {
    // Cancels what it still runs and closes its sign-ins and sandboxes, so the process can end.
    await (await api?.catch(() => undefined))?.stop();
    await catalog?.closeSandboxes();
    store?.close();
  }
}

function reportError(e: unknown, io: Io, runtime: Runtime | undefined, dataFile: string): number {
  if (e instanceof CommanderError) {
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.badInput;
  }
  if (e instanceof UsageError || (runtime && e instanceof runtime.FlowFileError)) {
    io.err((e as Error).message);
    return EXIT.badInput;
  }
  const storeError = runtime && (e instanceof runtime.StoreError ? e : runtime.explainSqliteError(e, dataFile));
  if (storeError) {
    io.err(storeError.message);
    return EXIT.storeUnusable;
  }
  io.err(`Sincro stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env['SINCRO_DEBUG'] && e instanceof Error) io.err(e.stack ?? '');
  return EXIT.runFailed;
}
