/**
 * Finding customers (relations) in MplusKASSA by email or number, once per run and key, shared by
 * the relation lookup and target: 200 orders of one customer cost one call, and a customer the
 * target just created is found by the next record.
 *
 * Sincro knows a customer by email. MplusKASSA lets two relations have one email; which one a
 * search returns is the server's choice, so a customer found by email is checked against every
 * relation (all read once a run) and, when another has that email too, the record fails naming
 * them all, instead of updating or booking on one of them by chance (a relation's name and
 * spelling were overwritten with the other's this way, found on 2026-12-02).
 */
import { RecordError } from '../../../engine/record';
import type { NodeRunContext } from '../../../nodes/define-node';
import { cached } from '../../shared/run-cache';
import type { MplusRelation } from '../schemas';
import { mplusClientFor } from './client-for';

/** Emails are compared without case and surrounding spaces. */
export const normaliseEmail = (email: unknown) => String(email).trim().toLowerCase();

export interface RelationSearch {
  /** The one relation with this email, or null; fails when several have it (sharedEmailError). */
  byEmail(email: string): Promise<MplusRelation | null>;
  byNumber(relationNumber: number): Promise<MplusRelation | null>;
  /** Fails when another relation has this relation's email (sharedEmailError). */
  checkOwnEmail(relation: MplusRelation): Promise<void>;
  /** Records what a write made, so later records of the run see it. */
  remember(relation: MplusRelation): void;
}

const named = (r: MplusRelation): string => `${r.relationNumber ?? '?'}${r.name ? ` “${r.name}”` : ''}`;

const listed = (relations: readonly MplusRelation[]) => {
  const names = relations.map(named);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
};
const FIX = 'give each its own email address in MplusKASSA, or merge them';

/**
 * The message of an email MplusKASSA has more than once. Found by email (no `own`): which one is
 * meant cannot be told. Known by number (`own`): the others would become one customer with it.
 */
function sharedEmailError(email: string, relations: readonly MplusRelation[], own?: MplusRelation): RecordError {
  const message = own
    ? `customer ${named(own)} has the email address ${email}, and so has MplusKASSA customer ${listed(relations.filter((r) => r !== own))}. Sincro knows a customer by email, so in the other app they would be one customer, with one name: this record is not sent. To send it, ${FIX}.`
    : `MplusKASSA has ${relations.length} customers with the email address ${email}: ${listed(relations)}. Sincro knows a customer by email, so it cannot tell which one is meant, and changes none of them: ${FIX}.`;
  return new RecordError(message, 'email', 'shared-email');
}

export function relationSearch(ctx: NodeRunContext<unknown>, connectionId: string): RelationSearch {
  return ctx.memo(`mplus:${connectionId}:relations`, () => {
    const byEmail = new Map<string, Promise<MplusRelation | null>>();
    const byNumber = new Map<number, Promise<MplusRelation | null>>();
    const client = () => mplusClientFor(ctx, connectionId);
    // Every relation by email, read at the first need of the run and kept up to date by remember().
    let all: Promise<RelationIndex> | undefined;
    const everyRelation = () =>
      (all ??= (async () => {
        const index = new RelationIndex();
        for await (const page of (await client()).readChanges('relations', 0, 1000)) for (const r of page.items) index.file(r);
        return index;
      })());
    /** `own`: the relation was known by its number, not found by its email. */
    const checkEmail = async (relation: MplusRelation, own: boolean) => {
      const email = normaliseEmail(relation.email ?? '');
      if (!email) return;
      const others = (await everyRelation()).withEmail(email).filter((r) => r.relationNumber !== relation.relationNumber);
      if (others.length) throw sharedEmailError(email, [relation, ...others].sort((a, b) => (a.relationNumber ?? 0) - (b.relationNumber ?? 0)), own ? relation : undefined);
    };
    const findOne = async (wanted: string) => {
      const same = (r: MplusRelation | null) => (r && normaliseEmail(r.email ?? '') === wanted ? r : null);
      const mplus = await client();
      // Only a whole, equal address counts, whatever the server's idea of "exact".
      const exact = same(await mplus.findRelationV2({ email: wanted }, { exactMatch: true }));
      if (exact) return exact;
      // MplusKASSA keeps what was typed (" Anna@X.nl "): a partial match finds it, unless a
      // relation with a longer address that contains this one comes first; then all are read.
      const partial = await mplus.findRelationV2({ email: wanted }, { exactMatch: false });
      if (!partial) return null;
      return same(partial) ?? (await everyRelation()).withEmail(wanted)[0] ?? null;
    };
    return {
      byEmail: (email) =>
        cached(byEmail, normaliseEmail(email), async () => {
          const found = await findOne(normaliseEmail(email));
          if (found) await checkEmail(found, false);
          return found;
        }),
      byNumber: (relationNumber) =>
        cached(byNumber, relationNumber, async () => (await (await client()).getRelations({ relationNumbers: [relationNumber] })).find((r) => r.relationNumber === relationNumber) ?? null),
      checkOwnEmail: (relation) => checkEmail(relation, true),
      remember(relation) {
        if (relation.email) byEmail.set(normaliseEmail(relation.email), Promise.resolve(relation));
        if (relation.relationNumber !== undefined) byNumber.set(relation.relationNumber, Promise.resolve(relation));
        void all?.then((index) => index.file(relation)).catch(() => undefined);
      },
    };
  });
}

/** Relations by email (normalised); a relation is filed under its latest email only. */
class RelationIndex {
  private readonly byEmail = new Map<string, MplusRelation[]>();
  private readonly emailOf = new Map<number, string>();

  withEmail(email: string): readonly MplusRelation[] {
    return this.byEmail.get(email) ?? [];
  }

  file(relation: MplusRelation): void {
    const number = relation.relationNumber;
    if (number === undefined) return;
    const email = relation.email ? normaliseEmail(relation.email) : '';
    const before = this.emailOf.get(number);
    if (before !== undefined) this.byEmail.set(before, this.withEmail(before).filter((r) => r.relationNumber !== number));
    this.emailOf.set(number, email);
    if (email) this.byEmail.set(email, [...this.withEmail(email), relation]);
  }
}
