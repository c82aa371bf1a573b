import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('records copied to be given a field', () => {
  it('share one hidden class, record after record, where a spread copy would not (README "Benchmark")', () => {
    const script = fileURLToPath(new URL('./hidden-class.check.ts', import.meta.url));
    // A Node of its own: under the test runner the pathology does not show, and the check needs natives syntax.
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx/esm', script], { encoding: 'utf8', timeout: 60_000 });
    const seen = JSON.parse(out) as Record<string, boolean>;
    // If this Node gives spread copies a shared class too, the check proves nothing (and copyFields could go).
    expect(seen['spreadCopy'], 'the check sees a spread copy get a class of its own').toBe(false);
    expect(seen).toEqual({ spreadCopy: false, copyFields: true, lookupsWithPath: true, mappingThatKeepsTheOtherFields: true });
  }, 90_000);
});
