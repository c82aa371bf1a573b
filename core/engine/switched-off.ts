/**
 * What a step that is switched off does to the records that reach it (issue 11): it does not run.
 * A transform passes them on unchanged, by its first output (a filter lets everything through); a
 * transform with no output (skip, fail) ends them as skipped. A lookup looks nothing up and a target
 * writes nothing: their records end as skipped, with the reason, so nothing downstream works on
 * records that were not looked up or written. (A source switched off reads nothing: run-flow.ts.)
 */
import type { PreparedNode } from '../flow/validate-flow';
import { emit, skip, type Outcome, type Rec } from './record';

export async function* switchedOff(prepared: PreparedNode, input: AsyncIterable<Rec[]>): AsyncIterable<Outcome[]> {
  const title = `“${prepared.node.label || prepared.def.title}”`;
  const port = prepared.def.kind === 'transform' ? prepared.def.outputs[0]?.name : undefined;
  const why =
    prepared.def.kind === 'lookup' ? `${title} is switched off: nothing was looked up` : prepared.def.kind === 'target' ? `${title} is switched off: nothing was written` : `${title} is switched off`;
  for await (const batch of input) {
    yield batch.map((rec) => (port ? emit(rec, rec.data, port, { note: `${title} is switched off: passed on unchanged` }) : skip(rec, why)));
  }
}
