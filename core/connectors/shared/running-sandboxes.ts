/**
 * The sandboxes a process runs for its sandbox connections (CLI, desktop app, web host): one per
 * connection, started on first use, started again when the connection's settings change, and whose
 * state is saved to the connection's state file on close and when the process exits.
 */
import { DebouncedSave, writeStateFile } from './state-file';

export interface RunningSandbox<E> {
  /** The settings it was started with; changed settings start it again. */
  fingerprint: string;
  endpoint: E;
  /** Writes a save that is due (the process is exiting). */
  flushNow(): void;
  close(): Promise<void>;
}

export class RunningSandboxes<E> {
  private readonly running = new Map<string, Promise<RunningSandbox<E>>>();

  /** The endpoint of the connection's sandbox; `start` starts it when none runs with these settings. */
  async ensure(connectionId: string, fingerprint: string, start: () => Promise<RunningSandbox<E>>): Promise<E> {
    const current = this.running.get(connectionId);
    if (current) {
      const started = await current.catch(() => undefined);
      if (started?.fingerprint === fingerprint) return started.endpoint;
      if (this.running.get(connectionId) === current) this.running.delete(connectionId);
      await started?.close();
    }
    // Concurrent callers (several nodes of one run) share one start.
    const again = this.running.get(connectionId);
    if (again) return (await again).endpoint;
    const starting = start();
    this.running.set(connectionId, starting);
    starting.catch(() => {
      if (this.running.get(connectionId) === starting) this.running.delete(connectionId);
    });
    return (await starting).endpoint;
  }

  /** Stops every sandbox started here, after saving its state. */
  async closeAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map(async (r) => (await r.catch(() => undefined))?.close()));
  }
}

/** Saves a sandbox's state; a failed save warns instead of bringing down the run that made the change (the next change tries again). */
export function saveSandboxState(stateFile: string, snapshot: () => unknown, app: string): void {
  try {
    writeStateFile(stateFile, snapshot());
  } catch (error) {
    process.emitWarning(`the ${app} sandbox could not save its data to ${stateFile}: ${(error as Error).message}`);
  }
}

/** The sandboxes this process owns, for the exit hook (which cannot wait for promises). */
const owned = new Set<RunningSandbox<unknown>>();
let exitHookInstalled = false;

/**
 * A sandbox this process started: `saveNow` writes its state, after it is closed and (with the
 * debounced saves still due) when the process exits.
 */
export function ownedSandbox<E>(started: { fingerprint: string; endpoint: E; close(): Promise<void> }, save: DebouncedSave, saveNow: () => void): RunningSandbox<E> {
  installExitHook();
  const running: RunningSandbox<E> = {
    fingerprint: started.fingerprint,
    endpoint: started.endpoint,
    flushNow: () => save.flush(),
    close: async () => {
      owned.delete(running);
      await started.close();
      save.cancel();
      saveNow();
    },
  };
  owned.add(running);
  return running;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers may only do synchronous work; the saves are synchronous.
  process.on('exit', () => {
    for (const r of owned) r.flushNow();
  });
}
