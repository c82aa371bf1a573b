/**
 * The echo rule, for every flow: a record is never written into the app its document came from.
 * A sale made in MplusKASSA and synced to Teamleader is read again by a flow from Teamleader; its
 * origin (declared by the source from the marker Sincro wrote) is MplusKASSA, so no MplusKASSA
 * target takes it. Flows that read and write the same app (fixing customers in place) are not
 * echoes: the rule applies only when the record was read from another app than its origin.
 *
 * The rule acts where the source emits the record, before any transform: a copy Sincro made carries
 * what Sincro added to it (a Teamleader “Rounding difference” line without a product), which a
 * transform written for documents people make may rightly refuse, and an echo must end as skipped,
 * not failed. A record whose origin is an app some target downstream of its source writes to is
 * skipped there, for all of that source's branches. The targets keep the same check as a second
 * line, for records not made by a source node (a node type may call `newRecord` itself).
 */
import type { PreparedFlow } from '../flow/validate-flow';
import { appName } from '../util/app-names';
import type { FlowWiring } from './flow-wiring';
import { skip, type Outcome, type Rec } from './record';

/** Why `rec` must not go to a target of `targetApp`, or undefined when it may. */
export function echoReason(rec: Rec, targetApp: string, sourceApp: string | undefined): string | undefined {
  const origin = rec.origin;
  if (!origin || origin.app !== targetApp || origin.app === sourceApp) return undefined;
  const what = origin.entity === 'document' ? 'a document' : `${origin.entity} ${origin.id}`;
  return `came from ${appName(origin.app)} (${what}${origin.entity === 'document' ? ` ${origin.id}` : ''}), so it is not sent back there`;
}

/** The apps of the targets a node's records can reach, through any path of the flow. */
export function targetAppsDownstream(flow: PreparedFlow, wiring: FlowWiring, nodeId: string): Set<string> {
  const apps = new Set<string>();
  const seen = new Set<string>([nodeId]);
  const todo = [nodeId];
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    for (const next of wiring.downstream.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(next);
      const def = flow.nodes.get(next)?.def;
      if (def?.kind === 'target') apps.add(def.app);
    }
  }
  return apps;
}

/** The source's outcomes, with each record a target downstream would send back to its origin skipped as an echo. */
export async function* echoesSkippedAtSource(outcomes: AsyncIterable<Outcome[]>, sourceApp: string, targetApps: ReadonlySet<string>): AsyncIterable<Outcome[]> {
  for await (const batch of outcomes) {
    yield batch.map((o) => {
      const origin = o.rec.origin;
      if (o.kind !== 'emit' || !origin || !targetApps.has(origin.app)) return o;
      const reason = echoReason(o.rec, origin.app, sourceApp);
      return reason ? skip(o.rec, reason) : o;
    });
  }
}
