/**
 * Most nodes decide about one record at a time. `perRecord` turns such a handler into a streaming
 * `run`: synchronous handlers pay no promise per record, asynchronous ones (HTTP calls) keep up to
 * `concurrency` records in flight across batch boundaries, so a slow target never idles between
 * batches. A handler that throws fails that record only.
 */
import { fail, type Outcome, type Rec } from '../engine/record';
import type { NodeRunContext, NodeType } from './define-node';

export type RecordHandler = (rec: Rec) => Outcome | Promise<Outcome>;

/**
 * A handler that first sees each batch as a whole: `beforeBatch` runs before the batch's records
 * are handled (e.g. to announce the keys they will look up, so a lookup reads in bulk instead of
 * once per record). It must not fail records: what it throws is ignored.
 */
export interface BatchAwareHandler {
  handle: RecordHandler;
  beforeBatch(batch: Rec[]): void | Promise<void>;
}

export interface PerRecordOptions<C> {
  /** Records in flight at once; default 1 (in order). */
  concurrency?(config: C): number;
}

export function perRecord<C>(
  setup: (ctx: NodeRunContext<C>) => RecordHandler | BatchAwareHandler | Promise<RecordHandler | BatchAwareHandler>,
  options: PerRecordOptions<C> = {},
): NodeType<C>['run'] {
  return async function* run(ctx, input) {
    const made = await setup(ctx);
    const handle = typeof made === 'function' ? made : made.handle;
    const batches = typeof made === 'function' ? input : announced(input, made);
    const concurrency = Math.max(1, options.concurrency?.(ctx.config) ?? 1);
    if (concurrency === 1) yield* inOrder(handle, batches, ctx.signal);
    else yield* windowed(handle, batches, concurrency, ctx.batchSize, ctx.signal);
  };
}

async function* announced(input: AsyncIterable<Rec[]>, handler: BatchAwareHandler): AsyncIterable<Rec[]> {
  for await (const batch of input) {
    try {
      await handler.beforeBatch(batch);
    } catch {
      // Only a hint: each record still does its own work and fails on its own.
    }
    yield batch;
  }
}

function settle(handle: RecordHandler, rec: Rec): Outcome | Promise<Outcome> {
  try {
    const result = handle(rec);
    return result instanceof Promise ? result.catch((e: unknown) => fail(rec, e)) : result;
  } catch (e) {
    return fail(rec, e);
  }
}

async function* inOrder(handle: RecordHandler, input: AsyncIterable<Rec[]>, signal: AbortSignal): AsyncIterable<Outcome[]> {
  for await (const batch of input) {
    const out: Outcome[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const r = settle(handle, batch[i] as Rec);
      out[i] = r instanceof Promise ? await r : r;
    }
    signal.throwIfAborted();
    yield out;
  }
}

async function* windowed(
  handle: RecordHandler,
  input: AsyncIterable<Rec[]>,
  limit: number,
  batchSize: number,
  signal: AbortSignal,
): AsyncIterable<Outcome[]> {
  let inFlight = 0;
  let done: Outcome[] = [];
  let wake: (() => void) | undefined;
  const settled = (o: Outcome) => {
    inFlight--;
    done.push(o);
    const w = wake;
    wake = undefined;
    w?.();
  };
  const slotFreed = () => new Promise<void>((resolve) => (wake = resolve));
  const take = () => {
    const ready = done;
    done = [];
    return ready;
  };
  for await (const batch of input) {
    for (const rec of batch) {
      while (inFlight >= limit) {
        await slotFreed();
        if (done.length >= batchSize) yield take();
      }
      signal.throwIfAborted();
      inFlight++;
      void Promise.resolve(settle(handle, rec)).then(settled);
    }
    if (done.length) yield take();
  }
  while (inFlight > 0) {
    await slotFreed();
    if (done.length >= batchSize) yield take();
  }
  if (done.length) yield take();
}
