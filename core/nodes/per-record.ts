/**
 * Most nodes decide about one record at a time. `perRecord` turns such a handler into a streaming
 * `run`: synchronous handlers pay no promise per record, asynchronous ones (HTTP calls) keep up to
 * `concurrency` records in flight across batch boundaries, so a slow target never idles between
 * batches. A handler that throws fails that record only. Finished records of a slow handler move on
 * at least every YIELD_MS, not only once a whole batch is through, so they reach the run history
 * (and a crash loses) only the last moment's records.
 */
import { fail, type Outcome, type Rec } from '../engine/record';
import type { NodeRunContext, NodeType } from './define-node';

/** How long finished records of an asynchronous handler wait for the rest of their batch at most. */
export const YIELD_MS = 200;

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

/** A node's records handled a batch at a time, in the turn of the node that sends them (see below). */
export type InlineBatches = (batch: Rec[]) => Outcome[] | Promise<Outcome[]>;

/** A run that can also be called a batch at a time: `inline(ctx)` sets the node up once for the run. */
export type InlineRun<C> = NodeType<C>['run'] & { inline(ctx: NodeRunContext<C>): Promise<InlineBatches> };

/**
 * For handlers without side effects (mappings, filters, value maps, table look-ups): each batch is
 * handled in one synchronous pass, and only the records whose handler returned a promise (an
 * expression JSONata itself had to evaluate) are waited for, all of the batch's together. Outcomes
 * keep the input order. The setup may take its time (a look-up loads its table); the handler must not.
 *
 * Such a node needs no task and no channel of its own: the engine hands it each batch in the turn
 * of the node that sent it (`inline`, core/engine/inline-nodes.ts). A record then crosses a chain
 * of them without waiting in a queue, and fewer records are held at once.
 */
// Typed as a plain run, so that a node's config type is inferred from where it is used.
export function perRecordPure<C>(setup: (ctx: NodeRunContext<C>) => RecordHandler | Promise<RecordHandler>): NodeType<C>['run'] {
  const inline = async (ctx: NodeRunContext<C>): Promise<InlineBatches> => {
    const handle = await setup(ctx);
    return (batch) => {
      const out: Outcome[] = new Array(batch.length);
      let waiting: Array<Promise<void>> | undefined;
      for (let i = 0; i < batch.length; i++) {
        const r = settle(handle, batch[i] as Rec);
        if (r instanceof Promise) (waiting ??= []).push(r.then((o) => void (out[i] = o)));
        else out[i] = r;
      }
      return waiting ? Promise.all(waiting).then(() => out) : out;
    };
  };
  async function* run(ctx: NodeRunContext<C>, input: AsyncIterable<Rec[]>): AsyncIterable<Outcome[]> {
    const handle = await inline(ctx);
    for await (const batch of input) {
      const out = await handle(batch);
      ctx.signal.throwIfAborted();
      yield out;
    }
  }
  const inlineRun: InlineRun<C> = Object.assign(run, { inline });
  return inlineRun;
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
    let out: Outcome[] = [];
    let since = Date.now();
    for (const rec of batch) {
      const r = settle(handle, rec);
      if (!(r instanceof Promise)) {
        out.push(r);
        continue;
      }
      out.push(await r);
      if (Date.now() - since >= YIELD_MS) {
        signal.throwIfAborted();
        yield out;
        out = [];
        since = Date.now();
      }
    }
    signal.throwIfAborted();
    if (out.length) yield out;
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
  let doneSince = 0;
  let wake: (() => void) | undefined;
  const settled = (o: Outcome) => {
    inFlight--;
    if (!done.length) doneSince = Date.now();
    done.push(o);
    const w = wake;
    wake = undefined;
    w?.();
  };
  const slotFreed = () => new Promise<void>((resolve) => (wake = resolve));
  const due = () => done.length >= batchSize || (done.length > 0 && Date.now() - doneSince >= YIELD_MS);
  const take = () => {
    const ready = done;
    done = [];
    return ready;
  };
  const batches = input[Symbol.asyncIterator]();
  for (;;) {
    const next = batches.next();
    let got: IteratorResult<Rec[]> | undefined;
    // While the next batch is slow to come, records that finished meanwhile move on when due.
    while (!got) {
      if (!inFlight && !done.length) {
        got = await next;
        break;
      }
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), YIELD_MS)));
      got = await Promise.race([next, tick]);
      clearTimeout(timer);
      if (!got && done.length) yield take();
    }
    if (got.done) break;
    for (const rec of got.value) {
      while (inFlight >= limit) {
        await slotFreed();
        if (due()) yield take();
      }
      signal.throwIfAborted();
      inFlight++;
      void Promise.resolve(settle(handle, rec)).then(settled);
    }
    if (done.length) yield take();
  }
  while (inFlight > 0) {
    await slotFreed();
    if (due()) yield take();
  }
  if (done.length) yield take();
}
