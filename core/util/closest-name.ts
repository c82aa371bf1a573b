/**
 * "Did you mean …?": the known name closest to a mistyped one, for messages that refuse an unknown
 * setting, option or config key. Case and separators are ignored when comparing, so
 * `employe_number` finds `employeeNumber`; nothing is suggested when no name is reasonably close.
 */

const fold = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** Levenshtein distance, with one row of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The closest known name, or undefined when none is within about a third of the name's length. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const wanted = fold(name);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const folded = fold(candidate);
    const distance = folded === wanted ? 0 : folded.startsWith(wanted) || wanted.startsWith(folded) ? 1 : editDistance(wanted, folded);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(wanted.length / 3)) ? best : undefined;
}

/** ` (did you mean "employeeNumber"?)`, or nothing: to append to a message. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const closest = closestName(name, known);
  return closest ? ` (did you mean "${closest}"?)` : '';
}
