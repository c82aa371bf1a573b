import { describe, expect, it } from 'vitest';
import { gcTime, runBench } from './run-bench';

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

describe('the W1-mapping bench', () => {
  it('sets each engine run against the loop runs just before and after it, and checks every output', async () => {
    const result = await runBench({ workload: 'W1-mapping', records: 300, rounds: 2 });
    expect(result).toMatchObject({ workload: 'W1-mapping', records: 300, rounds: 2, outputChecked: true });
    const { ratio, noHistoryRatio, recordsPerSec, noHistoryRecordsPerSec, baselineRecordsPerSec } = result as { ratio: number; noHistoryRatio: number; recordsPerSec: number; noHistoryRecordsPerSec: number; baselineRecordsPerSec: number };
    for (const r of [ratio, noHistoryRatio]) expect(r).toBeGreaterThan(0);
    // A paired ratio is near the ratio of the medians, never a different measure.
    expect(ratio).toBeGreaterThan(recordsPerSec / baselineRecordsPerSec / 3);
    expect(ratio).toBeLessThan((recordsPerSec / baselineRecordsPerSec) * 3);
    expect(noHistoryRatio).toBeLessThan((noHistoryRecordsPerSec / baselineRecordsPerSec) * 3);
  }, 60_000);
});
