/**
 * `sincro`: everything the desktop app can do, headless. Each command lives in its own file under
 * commands/; this file wires them, opens the store lazily, and turns errors into the documented
 * exit codes with a message that says what to change.
 */
import { Command, CommanderError } from 'commander';
import { join } from 'node:path';
import { closeSandboxes, createConnectionKinds, createRegistry } from '../catalog';
import { FlowFileError } from '../flow/flow-file';
import { explainSqliteError, StoreError } from '../store/database';
import { resolveDataDir } from '../store/data-dir';
import { DB_FILE, Store } from '../store/store';
import { registerBench } from './commands/bench';
import { registerConnections } from './commands/connections';
import { registerDemo } from './commands/demo';
import { registerDoctor } from './commands/doctor';
import { registerFlows } from './commands/flows';
import { registerLedger } from './commands/ledger';
import { registerPurge } from './commands/purge';
import { registerRun } from './commands/run';
import { registerRuns } from './commands/runs';
import { registerSandbox } from './commands/sandbox';
import { registerServe } from './commands/serve';
import { registerSettings } from './commands/settings';
import { registerTemplates } from './commands/templates';
import { EXIT, UsageError } from './exit-codes';
import type { CliEnv } from './cli-env';
import { processIo, type Io } from './output';


export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let store: Store | undefined;
  let dataDirFlag: string | undefined;
  const env: CliEnv = {
    io,
    store() {
      store ??= Store.open({ dataDir: resolveDataDir(dataDirFlag) });
      return store;
    },
    dataDir: () => resolveDataDir(dataDirFlag),
    registry: createRegistry(),
    connectionKinds: createConnectionKinds(),
    exitCode: EXIT.ok,
  };

  const program = new Command('sincro')
    .description('Sincro: draw data-sync flows between business apps and run them locally.')
    .option('--data-dir <dir>', 'where the store lives (default: the OS app-data folder for Sincro, or $SINCRO_DATA_DIR)')
    .showHelpAfterError('(run sincro --help for the commands)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .hook('preAction', (cmd) => {
      dataDirFlag = cmd.opts<{ dataDir?: string }>().dataDir;
    });

  registerRun(program, env);
  registerFlows(program, env);
  registerRuns(program, env);
  registerPurge(program, env);
  registerSettings(program, env);
  registerLedger(program, env);
  registerConnections(program, env);
  registerBench(program, env);
  registerServe(program, env);
  registerSandbox(program, env);
  registerTemplates(program, env);
  registerDemo(program, env);
  registerDoctor(program, env);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return env.exitCode;
  } catch (e) {
    return reportError(e, io, store?.db.name ?? join(resolveDataDir(dataDirFlag), DB_FILE));
  } finally {
    await closeSandboxes();
    store?.close();
  }
}

function reportError(e: unknown, io: Io, dataFile: string): number {
  if (e instanceof CommanderError) {
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.badInput;
  }
  if (e instanceof UsageError || e instanceof FlowFileError) {
    io.err(e.message);
    return EXIT.badInput;
  }
  const storeError = e instanceof StoreError ? e : explainSqliteError(e, dataFile);
  if (storeError) {
    io.err(storeError.message);
    return EXIT.storeUnusable;
  }
  io.err(`Sincro stopped on an unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env['SINCRO_DEBUG'] && e instanceof Error) io.err(e.stack ?? '');
  return EXIT.runFailed;
}
