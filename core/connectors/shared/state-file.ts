/**
 * The file a sandbox connection keeps its sandbox's state in (a seed, SEED.md of each sandbox). It
 * is written whole, to a temporary file that then replaces the old one, so a crash mid-write leaves
 * the previous state rather than half a file; and data changes at most every `delayMs`, because a
 * run can make hundreds of changes a second.
 */
import { readFileSync, renameSync } from 'node:fs';
import { writePrivateFile } from '../../util/private-files';

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

/**
 * Readable by its owner only (0600, in a 0700 folder when it makes one), whatever the umask: the
 * file holds customers' data and, for Teamleader, the sandbox's tokens.
 */
export function writeStateFile(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`;
  writePrivateFile(temp, `${JSON.stringify(value, null, 1)}\n`);
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
