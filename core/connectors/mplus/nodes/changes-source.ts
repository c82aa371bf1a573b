/**
 * What the MplusKASSA sources share: read what changed since the last run, page by page, by the
 * entity's sync marker. The marker to continue from is kept as the node's cursor `syncMarker`;
 * the engine keeps it only when the run succeeds, so a failed run reads the same changes again.
 * Reading writes nothing, so sources read in dry runs too.
 */
import { z } from 'zod';
import { emit } from '../../../engine/record';
import { defineNode, ui, type NodeType } from '../../../nodes/define-node';
import type { MplusSyncMarkers } from '../schemas';
import type { MplusSyncEntity, MplusSyncItems } from '../sync';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField } from './connection-field';

export const SYNC_CURSOR = 'syncMarker';

export interface ChangesSourceSpec<E extends MplusSyncEntity> {
  type: string;
  title: string;
  description: string;
  entity: E;
  /** Plural words for the node card: "orders", "customers". */
  plural: string;
  /** The sequence's current value, for "start from now". */
  currentMarker(markers: MplusSyncMarkers): number | undefined;
  /** The records one changed item makes (a product makes one per article). */
  records(item: MplusSyncItems[E]): Array<{ key: string; data: unknown }>;
}

export function changesSource<E extends MplusSyncEntity>(spec: ChangesSourceSpec<E>): NodeType {
  const config = z.object({
    connection: connectionField,
    firstRun: z
      .enum(['everything', 'from-now'])
      .default('everything')
      .meta(ui({ label: 'On the first run, read', help: `everything: all ${spec.plural} there are; from-now: only ${spec.plural} changed after the first run.` })),
    pageSize: z.number().int().min(1).max(1000).default(250).meta(ui({ label: 'Records per request', help: 'How many changes one call to MplusKASSA asks for.' })),
  });
  return defineNode({
    type: spec.type,
    kind: 'source',
    app: 'mplus',
    title: spec.title,
    description: spec.description,
    config,
    outputs: [{ name: 'out' }],
    summary: (c) => `${spec.plural} changed since the last run${c.firstRun === 'from-now' ? ' · first run starts now' : ''}`,
    check: checkConnection,
    async *run(ctx) {
      const client = await mplusClientFor(ctx, ctx.config.connection);
      const stored = ctx.cursor.get(SYNC_CURSOR);
      let from = 0;
      if (stored !== undefined && /^\d+$/.test(stored)) from = Number(stored);
      else {
        if (stored !== undefined) ctx.log('warn', `the stored sync marker "${stored}" is not a number; reading from the start`);
        if (ctx.config.firstRun === 'from-now') {
          from = (spec.currentMarker(await client.getCurrentSyncMarkers()) ?? 0) + 1;
          // Kept even when nothing changed yet, so the next run continues from here.
          ctx.cursor.set(SYNC_CURSOR, String(from));
        }
      }
      for await (const page of client.readChanges(spec.entity, from, ctx.config.pageSize)) {
        const records = page.items.flatMap((item) => spec.records(item));
        for (let i = 0; i < records.length; i += ctx.batchSize) {
          yield records.slice(i, i + ctx.batchSize).map((r) => emit(ctx.newRecord(r.key, r.data), r.data));
        }
        ctx.cursor.set(SYNC_CURSOR, String(page.nextMarker));
      }
    },
  }) as NodeType;
}
