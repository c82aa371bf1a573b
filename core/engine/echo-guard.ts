/**
 * The echo rule, for every flow: a record is never written into the app its document came from.
 * A sale made in MplusKASSA and synced to Teamleader is read again by a flow from Teamleader; its
 * origin (declared by the source from the marker Sincro wrote) is MplusKASSA, so no MplusKASSA
 * target takes it. Flows that read and write the same app (fixing customers in place) are not
 * echoes: the rule applies only when the record was read from another app than its origin.
 */
import { appName } from '../util/app-names';
import type { Rec } from './record';

/** Why `rec` must not go to a target of `targetApp`, or undefined when it may. */
export function echoReason(rec: Rec, targetApp: string, sourceApp: string | undefined): string | undefined {
  const origin = rec.origin;
  if (!origin || origin.app !== targetApp || origin.app === sourceApp) return undefined;
  const what = origin.entity === 'document' ? 'a document' : `${origin.entity} ${origin.id}`;
  return `came from ${appName(origin.app)} (${what}${origin.entity === 'document' ? ` ${origin.id}` : ''}), so it is not sent back there`;
}
