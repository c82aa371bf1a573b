/**
 * A run's counts in one line, in the same words on the screen and in the CLI: a dry run did
 * nothing, so it says what would happen ("would go through"), never "done".
 */
export interface CountsOfRun {
  read: number;
  ok: number;
  skipped: number;
  failed: number;
  dryRun: boolean;
}

export function runCountsLine(s: CountsOfRun, n: (v: number) => string = (v) => v.toLocaleString()): string {
  if (s.dryRun) return `${n(s.read)} read · ${n(s.ok)} would go through · ${n(s.skipped)} would be skipped · ${n(s.failed)} would fail`;
  return `${n(s.read)} read · ${n(s.ok)} done · ${n(s.skipped)} skipped · ${n(s.failed)} failed`;
}
