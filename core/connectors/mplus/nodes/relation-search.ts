/**
 * Finding customers (relations) in MplusKASSA by email or number, once per run and key, shared by
 * the relation lookup and target: 200 orders of one customer cost one call, and a customer the
 * target just created is found by the next record.
 */
import type { NodeRunContext } from '../../../nodes/define-node';
import { cached } from '../../shared/run-cache';
import type { MplusRelation } from '../schemas';
import { mplusClientFor } from './client-for';

/** Emails are compared without case and surrounding spaces. */
export const normaliseEmail = (email: unknown) => String(email).trim().toLowerCase();

export interface RelationSearch {
  byEmail(email: string): Promise<MplusRelation | null>;
  byNumber(relationNumber: number): Promise<MplusRelation | null>;
  /** Records what a write made, so later records of the run see it. */
  remember(relation: MplusRelation): void;
}

export function relationSearch(ctx: NodeRunContext<unknown>, connectionId: string): RelationSearch {
  return ctx.memo(`mplus:${connectionId}:relations`, () => {
    const byEmail = new Map<string, Promise<MplusRelation | null>>();
    const byNumber = new Map<number, Promise<MplusRelation | null>>();
    const client = () => mplusClientFor(ctx, connectionId);
    let all: Promise<Map<string, MplusRelation>> | undefined;
    const allByEmail = () =>
      (all ??= (async () => {
        const index = new Map<string, MplusRelation>();
        for await (const page of (await client()).readChanges('relations', 0, 1000)) {
          for (const r of page.items) if (r.email && !index.has(normaliseEmail(r.email))) index.set(normaliseEmail(r.email), r);
        }
        return index;
      })());
    return {
      byEmail: (email) =>
        cached(byEmail, normaliseEmail(email), async () => {
          const wanted = normaliseEmail(email);
          const same = (r: MplusRelation | null) => (r && normaliseEmail(r.email ?? '') === wanted ? r : null);
          const mplus = await client();
          // Only a whole, equal address counts, whatever the server's idea of "exact".
          const exact = same(await mplus.findRelationV2({ email: wanted }, { exactMatch: true }));
          if (exact) return exact;
          // MplusKASSA keeps what was typed (" Anna@X.nl "): a partial match finds it, unless a
          // relation with a longer address that contains this one comes first; then all are read.
          const partial = await mplus.findRelationV2({ email: wanted }, { exactMatch: false });
          if (!partial) return null;
          return same(partial) ?? (await allByEmail()).get(wanted) ?? null;
        }),
      byNumber: (relationNumber) =>
        cached(byNumber, relationNumber, async () => (await (await client()).getRelations({ relationNumbers: [relationNumber] })).find((r) => r.relationNumber === relationNumber) ?? null),
      remember(relation) {
        if (relation.email) byEmail.set(normaliseEmail(relation.email), Promise.resolve(relation));
        if (relation.relationNumber !== undefined) byNumber.set(relation.relationNumber, Promise.resolve(relation));
      },
    };
  });
}
