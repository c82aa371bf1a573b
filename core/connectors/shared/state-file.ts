/**
 * The file a sandbox connection keeps its sandbox's state in (a seed, SEED.md of each sandbox). It
 * is written whole, to a temporary file that then replaces the old one, so a crash mid-write leaves
 * the previous state rather than half a file; and data changes at most every `delayMs`, because a
 * run can make hundreds of changes a second.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The parsed JSON of the file, or undefined when there is none yet. `what` names it in errors. */
export function readStateFile(path: string, what = 'the sandbox state file'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${what} ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${what} ${path} is not valid JSON (${(error as Error).message}); fix it, or delete it to start again from the demo data`);
  }
}

/** `mode` 0o600 for a file that holds secrets (a Teamleader sandbox's tokens): only its owner reads it. */
export function writeStateFile(path: string, value: unknown, options: { mode?: number } = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 1)}\n`, options.mode === undefined ? {} : { mode: options.mode });
  renameSync(temp, path);
}

/** Runs `save` once, `delayMs` after the first of a burst of changes; `flush` runs it now if one is due. */
export class DebouncedSave {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly save: () => void,
    private readonly delayMs: number,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    // A pending save must not keep a finished CLI run alive; the process's exit hook flushes it.
    this.timer.unref();
  }

  /** Saves now (a rotated token must be on disk before the client gets it). */
  now(): void {
    this.cancel();
    this.save();
  }

  flush(): void {
    if (!this.timer) return;
    this.cancel();
    this.save();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
