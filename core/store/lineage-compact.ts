/**
 * How much of a record's lineage the history keeps (a flow's `historyLevel`), and its compact form:
 *
 * - `changes` (the default): the source data in full, then per step only what changed, as `set`
 *   (fields that are new or different, compared by identity, so a step that copies a field costs
 *   nothing) and `unset` (fields it dropped); a step that kept no field keeps its data whole. With
 *   what was sent and what the target answered, that is everything the record's history shows,
 *   rebuilt by `expandLineage`. When the target wrote the record's final data as JSON text (the
 *   NDJSON file target), that step keeps its data whole, stored as that very text (lineage-cap.ts),
 *   and the steps before it are kept as what differs from the step after them (`fromNext`): a
 *   mapping that built a new record then costs a few fields instead of being serialised again;
 * - `full`: every step's data as it was;
 * - `failures`: only failed records are kept (with their full lineage); the run keeps its counts.
 *
 * A failed record always keeps its full lineage, whatever the level.
 */
import type { LineageStep } from '../engine/record';

export type HistoryLevel = 'full' | 'changes' | 'failures';
export const DEFAULT_HISTORY_LEVEL: HistoryLevel = 'changes';

/** A stored step: `data` in full, `set` / `unset` against the step before, or `fromNext` against the step after. */
export type StoredStep = Omit<LineageStep, 'data'> & { data?: unknown; set?: Record<string, unknown>; unset?: string[]; fromNext?: Change };

/** What a step changed: fields set (new or different) and fields removed. */
export interface Change {
  set: Record<string, unknown>;
  unset?: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The lineage in its compact form. `endIsText`: the last step that carries data (the data the
 * record ended with) is stored as the JSON text its target wrote, so the steps before it are kept
 * as differences from the step after them, back to the first one that shares no field with its
 * next; from there on forward, as always.
 */
export function compactLineage(trail: readonly LineageStep[], endIsText = false): StoredStep[] {
  const out: StoredStep[] = new Array(trail.length);
  let forwardTo = trail.length - 1;
  const end = endIsText ? lastWithData(trail) : -1;
  if (end > 0) {
    out[end] = withoutChanged(trail[end] as LineageStep);
    for (let i = end + 1; i < trail.length; i++) out[i] = trail[i] as LineageStep;
    forwardTo = 0;
    let next = trail[end] as LineageStep;
    for (let i = end - 1; i > 0; i--) {
      const step = trail[i] as LineageStep;
      if (step.data === undefined) {
        out[i] = step;
        continue;
      }
      const back = backwardChange(step, next);
      if (!back) {
        forwardTo = i;
        break;
      }
      out[i] = back;
      next = step;
    }
  }
  let previous: unknown;
  for (let i = 0; i <= forwardTo; i++) {
    const step = trail[i] as LineageStep;
    const data = step.data;
    if (data === undefined) {
      out[i] = step;
      continue;
    }
    const before = previous;
    previous = data;
    if (!isPlainObject(before) || !isPlainObject(data)) out[i] = withoutChanged(step);
    else out[i] = step.changed ? declaredChange(step, before, data) : changeOf(step, before, data);
  }
  return out;
}

function lastWithData(trail: readonly LineageStep[]): number {
  for (let i = trail.length - 1; i >= 0; i--) if ((trail[i] as LineageStep).data !== undefined) return i;
  return -1;
}

/**
 * The step as what differs from the next step that carries data (`fromNext`); undefined when
 * either is not an object, or they share no field. The next step's word on what it set, when it
 * gave one, says what differs without comparing.
 */
function backwardChange(step: LineageStep, next: LineageStep): StoredStep | undefined {
  const data = step.data;
  const after = next.data;
  if (!isPlainObject(data) || !isPlainObject(after)) return undefined;
  if (next.changed) return storedChange(step, declaredDiff(next.changed, after, data), true);
  const diff = diffOf(after, data);
  return diff && storedChange(step, diff, true);
}
/** The lineage as kept in full (the `full` level, a failed record): without what only compacting uses. */
export function fullLineage(trail: readonly LineageStep[]): readonly LineageStep[] {
  return trail.some((s) => s.changed) ? trail.map(withoutChanged) : trail;
}

function withoutChanged(step: LineageStep): LineageStep {
  if (!step.changed) return step;
  const { changed: _changed, ...rest } = step;
  return rest;
}

/** A field named __proto__ is a field: assigned, it would replace the prototype instead. */
function put(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

/** The step as the fields its node said it set (LineageStep.changed): nothing else to compare. */
function declaredChange(step: LineageStep, before: Record<string, unknown>, data: Record<string, unknown>): StoredStep {
  return storedChange(step, declaredDiff(step.changed as readonly string[], before, data), false);
}

/** From `from` to `to`, when only the `named` fields may differ. */
function declaredDiff(named: readonly string[], from: Record<string, unknown>, to: Record<string, unknown>): Change {
  const set: Record<string, unknown> = {};
  let unset: string[] | undefined;
  for (const k of named) {
    if (Object.hasOwn(to, k)) put(set, k, to[k]);
    else if (Object.hasOwn(from, k)) (unset ??= []).push(k);
  }
  return unset ? { set, unset } : { set };
}

/**
 * The step with `set` / `unset` against the data before it instead of its whole data; the step as
 * it is when it kept no field of the data before (a mapping that builds a new record): its data is
 * then smaller than its changes, which would list every field it dropped.
 */
function changeOf(step: LineageStep, before: Record<string, unknown>, data: Record<string, unknown>): StoredStep {
  const diff = diffOf(before, data);
  return diff ? storedChange(step, diff, false) : withoutChanged(step);
}

/** From `from` to `to`, fields compared by identity (a copied field costs nothing); undefined when they share none. */
function diffOf(from: Record<string, unknown>, to: Record<string, unknown>): Change | undefined {
  let kept = 0;
  let set: Record<string, unknown> | undefined;
  for (const k in to) {
    if (!Object.hasOwn(to, k)) continue;
    const v = to[k];
    if (from[k] === v && Object.hasOwn(from, k)) {
      kept++;
      continue;
    }
    set ??= {};
    put(set, k, v);
  }
  if (kept === 0) return undefined;
  let unset: string[] | undefined;
  if (kept !== Object.keys(from).length) {
    for (const k in from) if (Object.hasOwn(from, k) && !Object.hasOwn(to, k)) (unset ??= []).push(k);
  }
  return unset ? { set: set ?? {}, unset } : { set: set ?? {} };
}

/** The step with its change instead of its data: against the step before it, or (`fromNext`) the one after. */
function storedChange(step: LineageStep, change: Change, fromNext: boolean): StoredStep {
  const stored: StoredStep = fromNext ? { node: step.node, fromNext: change } : { node: step.node, set: change.set };
  if (!fromNext && change.unset) stored.unset = change.unset;
  if (step.port !== undefined) stored.port = step.port;
  if (step.action !== undefined) stored.action = step.action;
  if (step.targetId !== undefined) stored.targetId = step.targetId;
  if (step.answer !== undefined) stored.answer = step.answer;
  if (step.note !== undefined) stored.note = step.note;
  if (step.error !== undefined) stored.error = step.error;
  if (step.field !== undefined) stored.field = step.field;
  return stored;
}

/** The lineage as the engine made it, from its stored form (any form). */
export function expandLineage(stored: unknown): unknown {
  if (!Array.isArray(stored)) return stored;
  let current: unknown;
  const steps = (stored as StoredStep[]).map((step) => {
    if (step.data !== undefined) {
      current = step.data;
      return step;
    }
    if (!step.set && !step.unset) return step;
    const { set, unset, ...rest } = step;
    current = applied(current, { set: set ?? {}, unset });
    return { ...rest, data: current };
  });
  // Steps kept as what differs from the next one: from the last, back.
  let next: unknown;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as StoredStep;
    if (step.fromNext) {
      const { fromNext, ...rest } = step;
      next = applied(next, fromNext);
      steps[i] = { ...rest, data: next };
    } else if (step.data !== undefined) next = step.data;
  }
  return steps;
}

function applied(base: unknown, change: Change): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(isPlainObject(base) ? base : {}), ...change.set };
  for (const k of change.unset ?? []) delete next[k];
  return next;
}
