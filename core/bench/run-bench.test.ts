import { describe, expect, it } from 'vitest';
import { gcTime } from './run-bench';

describe('the benchmark’s garbage collection share', () => {
  it('counts this thread’s collections while work allocates, and nothing once stopped', async () => {
    const gc = gcTime();
    let kept: unknown[] = [];
    // Young objects that outlive a few thousand others: collections must happen.
    for (let i = 0; i < 2_000_000; i++) {
      kept.push({ i, text: `record ${i}` });
      if (kept.length > 5_000) kept = [];
    }
    const ms = await gc.stop();
    expect(ms).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(5_001);
  });
});
