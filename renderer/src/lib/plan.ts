/**
 * The dry run's plan as sentences a person can check before anything is written: what each step
 * will do, built from the per-node counts and the reasons records were skipped or failed.
 */
import type { NodeKind } from '../../../core/api/flow-document';
import type { NodeCounts } from '../../../core/api/run-model';
import { plural, sourceRead, type Tone } from './words';

export interface PlanNode {
  id: string;
  title: string;
  kind: NodeKind;
  portLabels: Record<string, string>;
  /** A step switched off (by hand or by a flow setting). */
  off?: boolean;
  /** A source with pinned test records. */
  pinned?: boolean;
}

export interface PlanReason {
  node: string;
  status: 'skipped' | 'failed';
  message: string;
  count: number;
}

export interface PlanLine {
  tone: Tone;
  text: string;
  node?: string;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** `input`: where a dry run's records came from — read from the apps, pinned test records, or the last run's records. */
export function buildPlan(counts: Record<string, NodeCounts>, nodes: PlanNode[], reasons: PlanReason[], dryRun: boolean, input: 'read' | 'pinned' | 'last run' = 'read'): PlanLine[] {
  const lines: PlanLine[] = [];
  const will = (now: string, later: string) => (dryRun ? later : now);
  for (const n of nodes) {
    const c = counts[n.id];
    if (!c) continue;
    const name = `“${n.title}”`;
    const outs = Object.entries(c.out);
    const outTotal = outs.reduce((s, [, v]) => s + v, 0);
    if (n.kind === 'source') {
      if (n.off) lines.push({ tone: 'neutral', node: n.id, text: `${name} is switched off and read nothing.` });
      else {
        const n2 = sourceRead(c);
        const verb = input === 'last run' ? `replayed ${plural(n2, 'record')} the last run read` : input === 'pinned' && n.pinned ? `used its ${plural(n2, 'pinned test record')}` : `read ${plural(n2, 'record')}`;
        lines.push({ tone: 'info', node: n.id, text: `${name} ${verb}.` });
      }
    } else if (n.kind === 'target') {
      const did: string[] = [];
      if (c.created) did.push(`${will('created', 'create')} ${c.created.toLocaleString()}`);
      if (c.updated) did.push(`${will('updated', 'update')} ${c.updated.toLocaleString()}`);
      if (c.unchanged) did.push(`${will('left', 'leave')} ${c.unchanged.toLocaleString()} unchanged`);
      const plain = outTotal - c.created - c.updated - c.unchanged;
      if (plain > 0) did.push(`${will('sent', 'send')} ${plain.toLocaleString()}`);
      if (did.length) lines.push({ tone: 'ok', node: n.id, text: `${name} ${dryRun ? 'will ' : ''}${joinWords(did)}.` });
      else if (!c.skipped && !c.failed) lines.push({ tone: 'neutral', node: n.id, text: `${name} ${will('received', 'will receive')} nothing.` });
    } else if (n.off) {
      if (outTotal > 0) lines.push({ tone: 'neutral', node: n.id, text: `${name} is switched off: ${will('passed', 'will pass')} ${plural(outTotal, 'record')} on unchanged.` });
    } else if (outs.length > 1 && c.in > 0) {
      const used = outs.filter(([, v]) => v > 0);
      lines.push({ tone: 'neutral', node: n.id, text: `${name}: ${joinWords(used.map(([port, v]) => `${v.toLocaleString()} ${n.portLabels[port] ?? port}`))}.` });
    }
    // Records a filter rejected with nothing connected end skipped there too (filtered out), though
    // the step counts them as sent out by "reject": the reasons say how many.
    const why = reasons.filter((r) => r.node === n.id && r.status === 'skipped');
    const skipped = Math.max(c.skipped, why.reduce((sum, r) => sum + r.count, 0));
    if (skipped) {
      const detail = why.length ? `: ${why.slice(0, 3).map((r) => (why.length > 1 ? `${r.message} (${r.count})` : r.message)).join('; ')}` : '';
      lines.push({ tone: 'neutral', node: n.id, text: `${name} ${will('skipped', 'will skip')} ${plural(skipped, 'record')}${detail}.` });
    }
    if (c.failed) {
      const why = reasons.filter((r) => r.node === n.id && r.status === 'failed');
      const detail = why.length ? ` — ${why.slice(0, 2).map((r) => (why.length > 1 ? `${r.message} (${r.count})` : r.message)).join('; ')}` : '';
      lines.push({ tone: 'fail', node: n.id, text: `${plural(c.failed, 'record')} ${will('failed', 'would fail')} at ${name}${detail}.` });
    }
  }
  return lines;
}

/** Groups record results by node, status and message: "already synced (40)". */
export function groupReasons(records: ReadonlyArray<{ node: string; status: string; message: string | null }>): PlanReason[] {
  const map = new Map<string, PlanReason>();
  for (const r of records) {
    if (r.status !== 'skipped' && r.status !== 'failed') continue;
    const message = (r.message ?? 'no reason given').replace(/\.$/, '');
    const key = `${r.node}\u0000${r.status}\u0000${message}`;
    const prev = map.get(key);
    if (prev) prev.count++;
    else map.set(key, { node: r.node, status: r.status, message, count: 1 });
  }
  return [...map.values()].sort((a, b) => b.count - a.count);
}
