/**
 * mplus.target.articleGroup: creates or updates an article group (product category) in
 * MplusKASSA, matched by name (ignoring case and spaces, under the same parent when one is given)
 * or by group number. The groups are read once per run.
 */
import { z } from 'zod';
import { RecordError } from '../../../engine/record';
import { defineNode, ui, type NodeRunContext } from '../../../nodes/define-node';
import { perRecord } from '../../../nodes/per-record';
import { writeWithLedger } from '../../../nodes/target-write';
import { modeInWords, outcomeOf, sourceIds } from '../../shared/target-support';
import type { MplusChangedArticleGroup } from '../schemas';
import { mplusClientFor } from './client-for';
import { checkConnection, connectionField, mplusScope } from './connection-field';
import { numericId, payloadOf, targetFields } from './target-support';
import { checkShape, vendorWrite } from './vendor-errors';

const groupPayload = z.object({
  name: z.string({ error: 'the article group has no name' }).trim().min(1, 'the article group has no name'),
  text: z.string().optional(),
  groupNumber: z.number().int().positive().optional(),
  parentGroupNumber: z.number().int().min(0).optional(),
  sortOrder: z.number().int().optional(),
});
type GroupPayload = z.output<typeof groupPayload>;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every article group, read once per run and kept up to date with what this run writes. */
function groupsOf(ctx: NodeRunContext<unknown>, connectionId: string): Promise<Map<number, MplusChangedArticleGroup>> {
  return ctx.memo(`mplus:${connectionId}:article-groups`, async () => {
    const groups = new Map<number, MplusChangedArticleGroup>();
    for await (const page of (await mplusClientFor(ctx, connectionId)).readChanges('articleGroups', 0, 1000)) for (const g of page.items) groups.set(g.groupNumber, g);
    return groups;
  });
}

export const mplusArticleGroupTarget = defineNode({
  type: 'mplus.target.articleGroup',
  kind: 'target',
  app: 'mplus',
  title: 'Create or update the article group in MplusKASSA',
  description:
    'Finds the article group (product category) in MplusKASSA by name or by number and creates it when it is missing, or updates it. The group to send: name (required), text (shown in the webshop; the name when empty), parentGroupNumber (0 or empty = a main group), sortOrder, and groupNumber when matching by number (a new group gets its number from MplusKASSA). The group number is put in the record.',
  config: z.object({
    connection: connectionField,
    ...targetFields('article group', { mode: 'upsert', attachAs: 'mplusGroupNumber' }),
    matchBy: z.enum(['name', 'number']).default('name').meta(ui({ label: 'Match by', help: 'name: the group with the same name (under the same parent group, when one is given); number: the group number.' })),
  }),
  outputs: [{ name: 'out' }],
  summary: (c) => `by ${c.matchBy} · ${modeInWords(c.mode)}`,
  check: checkConnection,
  run: perRecord(
    (ctx) => {
      const c = ctx.config;
      const ids = sourceIds(ctx);
      const find = (groups: Map<number, MplusChangedArticleGroup>, g: GroupPayload) =>
        [...groups.values()].find((existing) =>
          existing.isDeleted
            ? false
            : c.matchBy === 'number'
              ? existing.groupNumber === g.groupNumber
              : sameName(existing.name, g.name) && (g.parentGroupNumber === undefined || (existing.parentGroupNumber ?? 0) === g.parentGroupNumber),
        );
      return async (rec) => {
        const parsed = groupPayload.safeParse(payloadOf(rec, c.payload, 'article group'));
        if (!parsed.success) throw new RecordError(`${parsed.error.issues[0]?.path.join('.') || 'the article group'}: ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
        const g = parsed.data;
        if (c.matchBy === 'number' && g.groupNumber === undefined) throw new RecordError('the article group has no groupNumber to match by', 'groupNumber');
        const parentGroupNumber = g.parentGroupNumber ?? 0;
        const request = { parentGroupNumber, name: g.name, text: g.text ?? g.name, ...(g.sortOrder !== undefined ? { sortOrder: g.sortOrder } : {}) };
        checkShape('newArticleGroup', { request }, 'article group');
        const client = await mplusClientFor(ctx, c.connection);
        const groups = await groupsOf(ctx, c.connection);
        const result = await writeWithLedger(ctx, {
          record: rec,
          scope: mplusScope(c.connection),
          entity: 'articleGroup',
          sourceId: await ids.of(rec, rec.key),
          payload: request,
          mode: c.mode,
          find: async () => {
            const found = find(groups, g);
            return found ? String(found.groupNumber) : undefined;
          },
          create: async () => {
            const { groupNumber } = await vendorWrite('article group', () => client.newArticleGroup(request));
            groups.set(groupNumber, { groupNumber, ...request, sortOrder: request.sortOrder ?? 0, isDeleted: false });
            return { id: String(groupNumber), answer: { groupNumber } };
          },
          update: async (id) => {
            const groupNumber = Number(id);
            await vendorWrite('article group', () => client.updateArticleGroup({ groupNumber, ...request }));
            const known = groups.get(groupNumber);
            groups.set(groupNumber, { ...known, groupNumber, ...request, sortOrder: request.sortOrder ?? known?.sortOrder ?? 0, isDeleted: false });
            return { answer: { groupNumber } };
          },
        });
        return outcomeOf(rec, result, { attachAs: c.attachAs, idValue: numericId });
      };
    },
    // One at a time: two records naming the same new group must not both create it.
    { concurrency: () => 1 },
  ),
});
