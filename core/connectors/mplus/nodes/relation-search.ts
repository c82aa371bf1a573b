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
    return {
      byEmail: (email) =>
        cached(byEmail, normaliseEmail(email), async () => {
          const wanted = normaliseEmail(email);
          const found = await (await client()).findRelationV2({ email: wanted }, { exactMatch: true });
          // Only a whole, equal address counts, whatever the server's idea of "exact".
          return found && normaliseEmail(found.email ?? '') === wanted ? found : null;
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
