/**
 * Sources that hand on given records instead of reading their app: a dry run on a source's pinned
 * test records, or on the records a past run read ("test on the last run's records"). The source
 * keeps its type (its app, its origin marker, so the echo guard still applies), but reads nothing,
 * moves no cursor and reads no failed record again: only its `run` is replaced.
 */
import type { PreparedFlow } from '../flow/validate-flow';
import { emit } from './record';

export interface GivenRecord {
  key: string;
  data: unknown;
}

/** Batches of the records a source hands on; `note` says where they came from, in its lineage. */
export interface GivenSource {
  batches(): AsyncIterable<GivenRecord[]>;
  note: string;
}

/** A copy of the flow whose listed sources hand on their given records. */
export function withGivenRecords(flow: PreparedFlow, given: ReadonlyMap<string, GivenSource>): PreparedFlow {
  const nodes = new Map(flow.nodes);
  for (const [id, source] of given) {
    const prepared = nodes.get(id);
    if (!prepared || prepared.def.kind !== 'source') continue;
    const port = prepared.def.outputs[0]?.name ?? 'out';
    nodes.set(id, {
      ...prepared,
      def: {
        ...prepared.def,
        rereadsFailed: false,
        async *run(ctx) {
          for await (const batch of source.batches()) {
            yield batch.map((r) => emit(ctx.newRecord(r.key, r.data), r.data, port, { note: source.note }));
            if (ctx.signal.aborted) return;
          }
        },
      },
    });
  }
  return { ...flow, nodes };
}

/** Given records from a list in memory, in batches. */
export function listSource(records: readonly GivenRecord[], note: string, batchSize = 500): GivenSource {
  return {
    note,
    async *batches() {
      for (let i = 0; i < records.length; i += batchSize) yield records.slice(i, i + batchSize);
    },
  };
}
