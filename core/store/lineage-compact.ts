/**
 * How much of a record's lineage the history keeps (a flow's `historyLevel`), and its compact form:
 *
 * - `changes` (the default): the source data in full, then per step only what changed, as `set`
 *   (fields that are new or different, compared by identity, so a step that copies a field costs
 *   nothing) and `unset` (fields it dropped); a step that kept no field keeps its data whole. A
 *   node that says what it changed (LineageStep.changed, .rebuilt) is taken at its word instead of
 *   compared. With what was sent and what the target answered,
 *   that is everything the record's history shows, rebuilt by `expandLineage`;
 * - `full`: every step's data as it was;
 * - `failures`: only failed records are kept (with their full lineage); the run keeps its counts.
 *
 * A failed record always keeps its full lineage, whatever the level.
 */
import type { LineageStep } from '../engine/record';
import { putField as put } from '../util/own-field';

export type HistoryLevel = 'full' | 'changes' | 'failures';
export const DEFAULT_HISTORY_LEVEL: HistoryLevel = 'changes';

/** A stored step: `data` in full, or `set` / `unset` against the step before. */
export type StoredStep = Omit<LineageStep, 'data'> & { data?: unknown; set?: Record<string, unknown>; unset?: string[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function compactLineage(trail: readonly LineageStep[]): StoredStep[] {
  let previous: unknown;
  const out: StoredStep[] = new Array(trail.length);
  for (let i = 0; i < trail.length; i++) {
    const step = trail[i] as LineageStep;
    const data = step.data;
    if (data === undefined) {
      out[i] = step;
      continue;
    }
    const before = previous;
    previous = data;
    if (!isPlainObject(before) || !isPlainObject(data)) out[i] = withoutChanged(step);
    else if (step.rebuilt) out[i] = step.changed ? rebuiltChange(step, before, data) : withoutChanged(step);
    else out[i] = step.changed ? declaredChange(step, before, data) : changeOf(step, before, data);
  }
  return out;
}

/** The lineage as kept in full (the `full` level, a failed record): without what only compacting uses. */
export function fullLineage(trail: readonly LineageStep[]): readonly LineageStep[] {
  return trail.some((s) => s.changed || s.rebuilt) ? trail.map(withoutChanged) : trail;
}

/** The step without the node's word on its changes (LineageStep.changed, .rebuilt), which is never stored. */
function withoutChanged(step: LineageStep): LineageStep {
  if (!step.changed && !step.rebuilt) return step;
  const { changed: _changed, rebuilt: _rebuilt, ...rest } = step;
  return rest;
}

/** The step as the fields its node said it set (LineageStep.changed): nothing else to compare. */
function declaredChange(step: LineageStep, before: Record<string, unknown>, data: Record<string, unknown>): StoredStep {
  const set: Record<string, unknown> = {};
  let unset: string[] | undefined;
  for (const k of step.changed as readonly string[]) {
    if (Object.hasOwn(data, k)) put(set, k, data[k]);
    else if (Object.hasOwn(before, k)) (unset ??= []).push(k);
  }
  return storedChange(step, set, unset);
}

/**
 * A new record's step as the node said it was built (LineageStep.rebuilt): its `changed` fields
 * set, every other field of it kept from the input, and the input's fields it left out dropped.
 * Only the input's keys are looked at, not compared: W1-mapping's mapping after the look-up keeps
 * 17 fields, and comparing them cost more than the rest of its compacting.
 */
function rebuiltChange(step: LineageStep, before: Record<string, unknown>, data: Record<string, unknown>): StoredStep {
  const set: Record<string, unknown> = {};
  for (const k of step.changed as readonly string[]) if (Object.hasOwn(data, k)) put(set, k, data[k]);
  let unset: string[] | undefined;
  for (const k in before) if (Object.hasOwn(before, k) && !Object.hasOwn(data, k)) (unset ??= []).push(k);
  return storedChange(step, set, unset);
}

/** The keys of the step being compared that it changed (reused: one compact at a time, synchronously). */
const changedKeys: string[] = [];

/**
 * The step with `set` / `unset` against the data before it instead of its whole data; the step as
 * it is when it kept no field of the data before (a mapping that builds a new record): its data is
 * then smaller than its changes, which would list every field it dropped. The changed keys are
 * gathered first and `set` is made only for a step that kept a field: a new record's step (one
 * per record in most flows) then allocates nothing here.
 */
function changeOf(step: LineageStep, before: Record<string, unknown>, data: Record<string, unknown>): StoredStep {
  let kept = 0;
  changedKeys.length = 0;
  for (const k in data) {
    if (!Object.hasOwn(data, k)) continue;
    if (before[k] === data[k] && Object.hasOwn(before, k)) kept++;
    else changedKeys.push(k);
  }
  if (kept === 0) return withoutChanged(step);
  const set: Record<string, unknown> = {};
  for (let i = 0; i < changedKeys.length; i++) {
    const k = changedKeys[i] as string;
    put(set, k, data[k]);
  }
  let unset: string[] | undefined;
  if (kept !== Object.keys(before).length) {
    for (const k in before) if (Object.hasOwn(before, k) && !Object.hasOwn(data, k)) (unset ??= []).push(k);
  }
  return storedChange(step, set, unset);
}

function storedChange(step: LineageStep, set: Record<string, unknown>, unset: string[] | undefined): StoredStep {
  const stored: StoredStep = { node: step.node, set };
  if (unset) stored.unset = unset;
  if (step.port !== undefined) stored.port = step.port;
  if (step.action !== undefined) stored.action = step.action;
  if (step.targetId !== undefined) stored.targetId = step.targetId;
  if (step.answer !== undefined) stored.answer = step.answer;
  if (step.note !== undefined) stored.note = step.note;
  if (step.error !== undefined) stored.error = step.error;
  if (step.field !== undefined) stored.field = step.field;
  return stored;
}

/** The lineage as the engine made it, from its stored form (either form). */
export function expandLineage(stored: unknown): unknown {
  if (!Array.isArray(stored)) return stored;
  let current: unknown;
  return (stored as StoredStep[]).map((step) => {
    if (step.data !== undefined) {
      current = step.data;
      return step;
    }
    if (!step.set && !step.unset) return step;
    const { set, unset, ...rest } = step;
    const next: Record<string, unknown> = { ...(isPlainObject(current) ? current : {}), ...set };
    for (const k of unset ?? []) delete next[k];
    current = next;
    return { ...rest, data: next };
  });
}
