/**
 * A node on the canvas: kind colour and icon, app badge, title, one-line summary, named ports
 * when there are several, a status dot, the problem it has (in words), and after a run its counts.
 * It reads its own problems, summary and counts from the stores so only the cards that changed redraw.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { AlertCircle, AlertTriangle, Pin } from 'lucide-react';
import { memo, useContext } from 'react';
import type { NodeKind } from '../../../core/api/flow-document';
import type { PortSpec } from '../../../core/api/node-type';
import { handleId } from '../lib/graph';
import { nodeCountsLine, shortCounts } from '../lib/words';
import { useCatalogStore } from '../state/useCatalogStore';
import { noProblems, useFlowStore } from '../state/useFlowStore';
import { AppBadge, KindIcon } from '../ui/NodeVisuals';
import { plainProblem } from '../lib/problems';
import { asSchema, settingRef } from '../lib/schema';
import { DetailContext } from './canvasDetail';
import type { CardNode } from './canvasTypes';
import { useShownCounts } from './useShownRun';

function Ports({ ports, dir }: { ports: PortSpec[]; dir: 'in' | 'out' }) {
  const position = dir === 'in' ? Position.Left : Position.Right;
  const type = dir === 'in' ? 'target' : 'source';
  if (ports.length === 1) {
    const p = ports[0] as PortSpec;
    return <Handle type={type} position={position} id={handleId(dir, p.name)} className={`port port-${dir}`} title={p.label ?? p.name} />;
  }
  return (
    <div className={`port-rows port-rows-${dir}`}>
      {ports.map((p) => (
        <div key={p.name} className="port-row">
          <span className="port-label">{p.label ?? p.name}</span>
          <Handle type={type} position={position} id={handleId(dir, p.name)} className={`port port-${dir}`} title={p.label ?? p.name} />
        </div>
      ))}
    </div>
  );
}

/**
 * What the card shows when zoomed out (canvasDetail.ts): drawn over the full card, which keeps its
 * size so the connections stay where they are; hidden from assistive technology (the node's own
 * label says the same).
 */
function SimpleCard({ kind, title, off, problems, warned, shown }: { kind: NodeKind; title: string; off: boolean; problems: number; warned: boolean; shown: string[] }) {
  return (
    <div className="node-lod" aria-hidden>
      {off || problems || warned || shown.length ? (
        <div className="node-lod-head">
          {off ? <span className="badge">Off</span> : null}
          {warned ? <AlertTriangle className="node-lod-warn" /> : null}
          {problems ? <span className="node-lod-problem">{problems === 1 ? '1 problem' : `${problems} problems`}</span> : null}
          {shown.map((c) => (
            <span key={c} className={/failed/.test(c) ? 'count fail' : /skipped/.test(c) ? 'count skip' : 'count'}>
              {c}
            </span>
          ))}
        </div>
      ) : null}
      <div className="node-lod-title">
        <KindIcon kind={kind} />
        {title}
      </div>
    </div>
  );
}

function FlowNodeCardImpl({ id, data, selected }: NodeProps<CardNode>) {
  const node = data.node;
  const level = useContext(DetailContext);
  const desc = useCatalogStore((s) => s.byType.get(node.type));
  const problems = useFlowStore((s) => s.problemsByNode[id]) ?? noProblems;
  const summary = useFlowStore((s) => s.summaries[id]);
  const { counts, dryRun, running } = useShownCounts(id);
  const kind = desc?.kind ?? 'transform';
  const title = node.label || desc?.title || node.type;
  const portLabels = Object.fromEntries((desc?.outputs ?? []).map((p) => [p.name, p.label ?? p.name]));
  const countParts = counts ? nodeCountsLine(kind, counts, portLabels, dryRun) : [];
  const first = problems[0];
  const offBySetting = useFlowStore((s) => {
    const ref = settingRef(node.enabled);
    return ref ? s.doc?.settings[ref] === false : false;
  });
  const off = node.enabled === false || offBySetting;

  return (
    <div className={`node-card kind-${kind}${selected ? ' selected' : ''}${problems.length ? ' has-problem' : ''}${running && counts ? ' running' : ''}${off ? ' off' : ''}`} data-node-id={id}>
      {desc && desc.inputs.length ? <Ports ports={desc.inputs} dir="in" /> : null}
      <div className="node-head">
        <KindIcon kind={kind} />
        <div className="node-titles">
          <div className="node-title" title={title}>
            {title}
          </div>
          <div className="node-sub">
            <AppBadge app={desc?.app ?? 'core'} />
            {off ? <span className="badge">Off</span> : null}
            {node.pinned?.length ? (
              <span className="badge pin" title={`${node.pinned.length} pinned test record${node.pinned.length === 1 ? '' : 's'}: dry runs use them instead of reading the app`}>
                <Pin size={10} aria-hidden /> {node.pinned.length}
              </span>
            ) : null}
            <span className="node-summary" title={summary}>
              {summary ?? desc?.title ?? 'Unknown step'}
            </span>
          </div>
        </div>
        <span className={`dot ${problems.length ? 'fail' : 'ok'}`} role="img" aria-label={problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'Ready'} title={problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'Ready'} />
      </div>
      {desc && desc.outputs.length > 1 ? <Ports ports={desc.outputs} dir="out" /> : null}
      {first ? (
        <div className="node-problem" title={problems.map((p) => plainProblem(p, node.config, asSchema(desc?.configSchema))).join('\n')}>
          <AlertCircle size={12} aria-hidden />
          <span>
            {plainProblem(first, node.config, asSchema(desc?.configSchema))}
            {problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}
          </span>
        </div>
      ) : null}
      {data.warnings?.length ? (
        <div className="node-warning" title={data.warnings.join('\n')}>
          <AlertTriangle size={12} aria-hidden />
          <span>{data.warnings[0]}</span>
        </div>
      ) : null}
      {countParts.length ? (
        <div className={`node-counts${counts && counts.failed ? ' has-failed' : ''}`} aria-label={`Last run: ${countParts.join(', ')}`}>
          {countParts.map((part) => (
            <span key={part} className={/failed/.test(part) ? 'count fail' : /skipped/.test(part) ? 'count skip' : 'count'}>
              {part}
            </span>
          ))}
        </div>
      ) : null}
      {desc && desc.outputs.length === 1 ? <Ports ports={desc.outputs} dir="out" /> : null}
      {/* Only where the canvas is zoomed out: 300 cards need not carry a second, hidden form. */}
      {level === 'simple' ? <SimpleCard kind={kind} title={title} off={off} problems={problems.length} warned={!!data.warnings?.length} shown={[...(node.pinned?.length ? [`${node.pinned.length} pinned`] : []), ...(counts ? shortCounts(kind, counts, dryRun) : [])]} /> : null}
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardImpl);
