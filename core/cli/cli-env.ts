/** What every CLI command gets: output, the store (opened on first use), and the catalog. */
import type { createConnectionKinds, createRegistry } from '../catalog';
import type { Store } from '../store/store';
import type { Io } from './output';

export interface CliEnv {
  io: Io;
  store(): Store;
  /** The data folder (--data-dir, $SINCRO_DATA_DIR or the OS default), for commands that must not open the store. */
  dataDir(): string;
  registry: ReturnType<typeof createRegistry>;
  connectionKinds: ReturnType<typeof createConnectionKinds>;
  /** Set by a command that has an exit code to report. */
  exitCode: number;
}
