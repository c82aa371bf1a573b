/**
 * `npm run bench` / `sincro bench`: runs a workload through the engine and through a hand-written
 * baseline in the same process and prints one JSON line with both rates and their ratio.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryLevel } from '../store/lineage-compact';
import { DB_FILE, Store } from '../store/store';
import { writeCustomers, writeOrders } from './generate';
import { runW1Baseline, runW1Engine } from './workload-w1';
import { runW2Baseline, runW2Engine, startSink } from './workload-w2';
import { benchHistory } from './workload-history';
import { benchPurge } from './workload-purge';
import { benchStartup } from './workload-startup';
import { checkW1MappingOutput, runW1MappingBaseline, runW1MappingEngine, W1_MAPPING_STAGES, writeW1MappingData } from './workload-w1-mapping';

export interface BenchOptions {
  workload: 'W1' | 'W1-mapping' | 'W2' | 'startup' | 'history' | 'purge';
  records?: number;
  /** purge: how many runs the store holds before it is purged (100,000); `records` are spread over them. */
  runs?: number;
  sinkLatencyMs?: number;
  /** Each round measures the engine and the baseline once; the medians are reported. */
  rounds?: number;
  /** W1-mapping: also time the flow cut short after each step, with and without history. */
  stages?: boolean;
  keep?: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Samples the resident set size while `fn` runs; returns the peak in MB. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Counts the time this thread spends in garbage collection from now (V8's pauses, seen through a
 * PerformanceObserver; a worker's collections are its own); `stop` gives the milliseconds.
 */
export function gcTime(): { stop(): Promise<number> } {
  let ms = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) ms += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // A collection's entry is queued after the work that caused it: let it come, then take what waits.
      await new Promise((resolve) => setTimeout(resolve, 10));
      for (const entry of observer.takeRecords()) ms += entry.duration;
      observer.disconnect();
      return ms;
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

export async function runBench(opts: BenchOptions): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'sincro-bench-'));
  const data = (name: string) => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  try {
    if (opts.workload === 'W1-mapping') return await benchW1Mapping(dir, data, opts);
    if (opts.workload === 'startup') return benchStartup(dir, opts.rounds ?? 5);
    if (opts.workload === 'history') return await benchHistory(dir, { records: opts.records, rounds: opts.rounds });
    if (opts.workload === 'purge') return await benchPurge(dir, { runs: opts.runs, records: opts.records });
    if (opts.workload === 'W1') {
      const records = opts.records ?? 100_000;
      await writeCustomers(join(dir, 'customers.ndjson'));
      await writeOrders(join(dir, 'orders.ndjson'), records);
      const rates: number[] = [];
      const baselineRates: number[] = [];
      let peakRssMb = 0;
      for (let round = 0; round < (opts.rounds ?? 1); round++) {
        const engine = await withPeakRss(() => timed(() => runW1Engine(dir, data(`engine-${round}`))));
        const summary = engine.result.result;
        if (summary.status !== 'succeeded' || summary.ok !== records) throw new Error(`the engine run ended ${summary.status} with ${summary.ok} of ${records} records done`);
        peakRssMb = Math.max(peakRssMb, engine.peakRssMb);
        rates.push(records / engine.result.seconds);
        const baseline = await timed(() => runW1Baseline(dir, data(`baseline-${round}`)));
        baselineRates.push(baseline.result / baseline.seconds);
      }
      const recordsPerSec = Math.round(median(rates));
      const baselineRecordsPerSec = Math.round(median(baselineRates));
      return { workload: 'W1', records, rounds: rates.length, recordsPerSec, baselineRecordsPerSec, ratio: Number((recordsPerSec / baselineRecordsPerSec).toFixed(3)), peakRssMb };
    }
    const records = opts.records ?? 5_000;
    await writeOrders(join(dir, 'orders.ndjson'), records);
    const sink = await startSink(opts.sinkLatencyMs ?? 0);
    try {
      await runW2Baseline(dir, sink.url); // warm up the sink and the connection pool
      const rates: number[] = [];
      const baselineRates: number[] = [];
      let peakRssMb = 0;
      for (let round = 0; round < (opts.rounds ?? 3); round++) {
        const engine = await withPeakRss(() => timed(() => runW2Engine(dir, data(`engine-${round}`), sink.url)));
        const summary = engine.result.result;
        if (summary.status !== 'succeeded' || summary.ok !== records) throw new Error(`the engine run ended ${summary.status} with ${summary.ok} of ${records} records sent`);
        peakRssMb = Math.max(peakRssMb, engine.peakRssMb);
        rates.push(records / engine.result.seconds);
        const baseline = await timed(() => runW2Baseline(dir, sink.url));
        baselineRates.push(baseline.result / baseline.seconds);
      }
      const recordsPerSec = Math.round(median(rates));
      const baselineRecordsPerSec = Math.round(median(baselineRates));
      return { workload: 'W2', records, rounds: rates.length, inFlight: 8, sinkLatencyMs: opts.sinkLatencyMs ?? 0, recordsPerSec, baselineRecordsPerSec, ratio: Number((recordsPerSec / baselineRecordsPerSec).toFixed(3)), peakRssMb };
    } finally {
      await sink.stop();
    }
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fraction as printed: three decimals. */
const share = (x: number) => Number(x.toFixed(3));

/**
 * Each round runs the plain loop, the engine with history, the loop, the engine without history
 * and the loop again, and checks every output record against the reference transform. Each engine
 * run is set against the mean of the loop just before and just after it, and the ratios printed
 * are the medians of those pairs: on a shared machine whose speed drifts over minutes, a loop run
 * half a minute away from the engine's said as much about the drift as about the engine.
 */
async function benchW1Mapping(dir: string, data: (name: string) => string, opts: BenchOptions): Promise<Record<string, unknown>> {
  const records = opts.records ?? 100_000;
  await writeW1MappingData(dir, records);
  const rates = { history: [] as number[], noHistory: [] as number[], baseline: [] as number[] };
  const paired = { history: [] as number[], noHistory: [] as number[] };
  // The share of each run's time the main thread spent collecting garbage.
  const gcShares = { history: [] as number[], noHistory: [] as number[], baseline: [] as number[] };
  let peakRssMb = 0;
  const loop = async (name: string): Promise<number> => {
    const outFile = join(dir, `out-baseline-${name}.ndjson`);
    const gc = gcTime();
    const baseline = await timed(() => runW1MappingBaseline(dir, outFile));
    gcShares.baseline.push((await gc.stop()) / (baseline.seconds * 1000));
    const rate = baseline.result / baseline.seconds;
    rates.baseline.push(rate);
    await checkW1MappingOutput(dir, outFile, records);
    rmSync(outFile);
    return rate;
  };
  for (let round = 0; round < (opts.rounds ?? 1); round++) {
    let before = await loop(`${round}-first`);
    for (const history of [true, false]) {
      const outFile = join(dir, `out-engine-${round}-${history ? 'history' : 'no-history'}.ndjson`);
      const gc = gcTime();
      const engine = await withPeakRss(() => timed(() => runW1MappingEngine(dir, data(`engine-${round}-${history}`), outFile, { history })));
      (history ? gcShares.history : gcShares.noHistory).push((await gc.stop()) / (engine.result.seconds * 1000));
      const summary = engine.result.result;
      if (summary.status !== 'succeeded' || summary.ok !== records) throw new Error(`the engine run ended ${summary.status} with ${summary.ok} of ${records} records done${summary.error ? `: ${summary.error}` : ''}`);
      peakRssMb = Math.max(peakRssMb, engine.peakRssMb);
      const rate = records / engine.result.seconds;
      (history ? rates.history : rates.noHistory).push(rate);
      await checkW1MappingOutput(dir, outFile, records);
      rmSync(outFile);
      const after = await loop(`${round}-after-${history ? 'history' : 'no-history'}`);
      (history ? paired.history : paired.noHistory).push(rate / ((before + after) / 2));
      before = after;
    }
  }
  const recordsPerSec = Math.round(median(rates.history));
  const noHistoryRecordsPerSec = Math.round(median(rates.noHistory));
  const baselineRecordsPerSec = Math.round(median(rates.baseline));
  // Before the history sizes, which leave a smaller input behind.
  const stages = opts.stages ? await stageCosts(dir, data, records) : undefined;
  return {
    workload: 'W1-mapping',
    historyBytesPerRecord: await historySizes(dir, data, Math.min(records, 20_000)),
    records,
    rounds: rates.history.length,
    recordsPerSec,
    baselineRecordsPerSec,
    ratio: share(median(paired.history)),
    noHistoryRecordsPerSec,
    noHistoryRatio: share(median(paired.noHistory)),
    peakRssMb,
    gcShare: { history: share(median(gcShares.history)), noHistory: share(median(gcShares.noHistory)), baseline: share(median(gcShares.baseline)) },
    outputChecked: true,
    ...(stages ? { microsecondsPerRecordByStage: stages } : {}),
  };
}

/**
 * Where the time goes: the flow cut short after each step, run with and without history, in
 * microseconds per record. The differences between stages are what each step and its history cost.
 */
async function stageCosts(dir: string, data: (name: string) => string, records: number): Promise<Record<string, { history: number; noHistory: number }>> {
  const costs: Record<string, { history: number; noHistory: number }> = {};
  for (const stage of W1_MAPPING_STAGES) {
    const micros = async (history: boolean) => {
      const outFile = join(dir, 'out-stage.ndjson');
      const run = await timed(() => runW1MappingEngine(dir, data(`stage-${stage}-${history}`), outFile, { history, stage }));
      rmSync(outFile);
      if (run.result.status !== 'succeeded' || run.result.ok !== records) throw new Error(`the stage "${stage}" ended ${run.result.status} with ${run.result.ok} of ${records} records done${run.result.error ? `: ${run.result.error}` : ''}`);
      return Number(((run.seconds * 1e6) / records).toFixed(1));
    };
    costs[stage] = { history: await micros(true), noHistory: await micros(false) };
  }
  return costs;
}

/**
 * What the history costs on disk per record at each level (the flow's historyLevel), measured on
 * `records` records: the data file's growth over an empty store, after the store closed.
 */
async function historySizes(dir: string, data: (name: string) => string, records: number): Promise<Record<HistoryLevel, number>> {
  await writeW1MappingData(dir, records);
  const fileSize = (dataDir: string) => statSync(join(dataDir, DB_FILE)).size;
  const empty = data('empty');
  Store.open({ dataDir: empty }).close();
  const sizes = {} as Record<HistoryLevel, number>;
  for (const level of ['full', 'changes', 'failures'] as const) {
    const dataDir = data(`size-${level}`);
    const outFile = join(dir, `out-size-${level}.ndjson`);
    await runW1MappingEngine(dir, dataDir, outFile, { history: true, historyLevel: level });
    rmSync(outFile);
    sizes[level] = Math.round((fileSize(dataDir) - fileSize(empty)) / records);
  }
  return sizes;
}
