/**
 * How long this thread has waited for a CPU while ready to run (Linux: /proc/thread-self/schedstat),
 * in ms; 0 where the OS does not say. Timings of short steps subtract it, so a loaded machine
 * that leaves the process waiting is not counted as the step's own time.
 */
import { readFileSync } from 'node:fs';

let available = process.platform === 'linux';

export function cpuWaitMs(): number {
  if (!available) return 0;
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    available = false;
    return 0;
  }
}
