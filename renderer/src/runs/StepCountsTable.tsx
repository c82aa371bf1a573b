/** Per step: what came in, what left by which output, what was skipped or failed, what a target did. */
import type { NodeCounts } from '../../../core/api/run-model';
import type { PlanNode } from '../lib/plan';
import { KindIcon } from '../ui/NodeVisuals';

export function StepCountsTable({ nodes, counts, dryRun }: { nodes: PlanNode[]; counts: Record<string, NodeCounts>; dryRun: boolean }) {
  const rows = nodes.filter((n) => counts[n.id]);
  if (!rows.length) return null;
  return (
    <table className="table step-table">
      <caption className="visually-hidden">Records per step</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col" className="num">
            In
          </th>
          <th scope="col">Out</th>
          <th scope="col" className="num">
            {dryRun ? 'To create' : 'Created'}
          </th>
          <th scope="col" className="num">
            {dryRun ? 'To update' : 'Updated'}
          </th>
          <th scope="col" className="num">
            Skipped
          </th>
          <th scope="col" className="num">
            Failed
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => {
          const c = counts[n.id] as NodeCounts;
          return (
            <tr key={n.id}>
              <th scope="row" style={{ fontWeight: 500 }}>
                <span className="row">
                  <KindIcon kind={n.kind} size={13} />
                  {n.title}
                </span>
              </th>
              <td className="num">{n.kind === 'source' ? '—' : c.in.toLocaleString()}</td>
              <td className="small">{Object.entries(c.out).map(([port, v]) => (Object.keys(c.out).length > 1 ? `${v.toLocaleString()} ${n.portLabels[port] ?? port}` : v.toLocaleString())).join(' · ')}</td>
              <td className="num">{c.created ? c.created.toLocaleString() : ''}</td>
              <td className="num">{c.updated ? c.updated.toLocaleString() : ''}</td>
              <td className="num">{c.skipped ? c.skipped.toLocaleString() : ''}</td>
              <td className={`num${c.failed ? ' text-fail' : ''}`}>{c.failed ? c.failed.toLocaleString() : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
