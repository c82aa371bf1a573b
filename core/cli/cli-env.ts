/**
 * What every CLI command gets: output, the store (opened on first use), the catalog, and the API
 * service the screen uses (created on first use): commands go through it wherever the contract
 * has the method, so the CLI keeps the same rules (validation, events, notices, last tests).
 */
import type { MethodInput, MethodName, MethodResult } from '../api/contract';
import type { FlowDocument } from '../api/flow-document';
import type { createConnectionKinds, createRegistry } from '../catalog';
import type { ApiService } from '../host/api-service';
import type { Store } from '../store/store';
import type { Io } from './output';

export interface CliEnv {
  io: Io;
  store(): Store;
  /**
   * The API service of this process (host 'cli'), on the store; its scheduler is not started
   * (only `sincro schedule run` starts one). Stopped when the command ends.
   */
  api(): Promise<ApiService>;
  /**
   * An API method through the service's dispatcher, its input validated by the contract, as the
   * screen calls it. Bad input and not-found come back as a UsageError (exit 2).
   */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
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
