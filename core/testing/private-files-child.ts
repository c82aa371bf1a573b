/**
 * Started by private-files.test.ts as a child process with umask 000: makes a data folder the way
 * Sincro does (the store, a connection's secret, a sandbox connection of each app with its state
 * file) and prints the mode of every file and folder while the store is still open, so its WAL and
 * SHM are there too.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { closeSandboxes, newSandboxConnection } from '../catalog';
import { ensureMplusSandbox } from '../connectors/mplus/sandbox-connection';
import { Store } from '../store/store';

const dataDir = process.argv[2] ?? '';
const store = Store.open({ dataDir });
const stateFiles: string[] = [];
for (const app of ['mplus', 'teamleader'] as const) {
  const made = await newSandboxConnection(app, dataDir);
  const info = store.connections.add(made);
  stateFiles.push(String(made.config['stateFile']));
  // The MplusKASSA sandbox writes its state file on first use.
  const stored = store.connections.get(info.id);
  if (app === 'mplus' && stored) await ensureMplusSandbox(stored);
}
await closeSandboxes();
const paths = [dataDir, join(dataDir, 'sincro.db'), join(dataDir, 'sincro.db-wal'), join(dataDir, 'sincro.db-shm'), join(dataDir, 'secret.key'), join(dataDir, 'sandboxes'), ...stateFiles];
const modes = Object.fromEntries(paths.map((p) => [p.slice(dataDir.length) || '/', (statSync(p).mode & 0o777).toString(8)]));
store.close();
process.stdout.write(`${JSON.stringify({ umask: process.umask().toString(8), modes })}\n`);
