/** What every CLI command gets: output, the store (opened on first use), and the catalog. */
import type { FlowDocument } from '../api/flow-document';
import type { createConnectionKinds, createRegistry } from '../catalog';
import type { Store } from '../store/store';
import type { Io } from './output';

export interface CliEnv {
  io: Io;
  store(): Store;
  /** The data folder (--data-dir, $SINCRO_DATA_DIR or the OS default), for commands that must not open the store. */
  dataDir(): string;
  /** Every node type, the connectors' included. */
  registry: ReturnType<typeof createRegistry>;
  /** The node types a flow can use: the generic ones alone when it uses no connector (whose code is then never loaded). */
  registryFor(doc: FlowDocument): Promise<ReturnType<typeof createRegistry>>;
  connectionKinds: ReturnType<typeof createConnectionKinds>;
  /** Set by a command that has an exit code to report. */
  exitCode: number;
}
