/**
 * The right panel: the selected step's settings as a form generated from its config schema (with
 * the datamapper for mappings), or — with nothing selected — the flow itself: name, settings and
 * every problem, each leading to its step.
 */
import { AlertCircle, AlertTriangle, Trash2 } from 'lucide-react';
import type { NodeKind } from '../../../core/api/flow-document';
import type { PortSpec } from '../../../core/api/node-type';
import { useMemo } from 'react';
import { updateNode } from '../lib/flowOps';
import { isNoteId } from '../lib/notes';
import { asSchema, settingRef, type JsonSchema } from '../lib/schema';
import { Toggle } from '../ui/Toggle';
import { useCatalogStore } from '../state/useCatalogStore';
import { useEditorStore } from '../state/useEditorStore';
import { noProblems, useFlowStore } from '../state/useFlowStore';
import { AppBadge, KindIcon } from '../ui/NodeVisuals';
import { deleteSelection, withEnabled } from '../editor/editorActions';
import { useConnectionWarnings } from '../editor/useConnectionWarnings';
import { Datamapper } from './Datamapper';
import { FlowPanel } from './FlowPanel';
import { type FormContext } from './formContext';
import { plainProblem } from '../lib/problems';
import { SchemaForm } from './SchemaForm';
import { StepDataSection } from './StepDataSection';
import { TestRecordsSection } from './TestRecordsSection';

export function Inspector() {
  const selected = useEditorStore((s) => s.selectedNodes);
  // Notes are edited on the canvas itself; the inspector is for steps.
  const ids = [...selected].filter((id) => !isNoteId(id));
  return (
    <aside className="inspector" aria-label="Inspector">
      {ids.length === 0 ? <FlowPanel /> : ids.length === 1 ? <NodeInspector key={ids[0]} nodeId={ids[0] as string} /> : <MultiPanel count={ids.length} />}
    </aside>
  );
}

function MultiPanel({ count }: { count: number }) {
  return (
    <div className="inspector-body">
      <h2 className="inspector-title">{count} steps selected</h2>
      <p className="muted small">Drag them together, copy them (Ctrl+C), or delete them.</p>
      <button type="button" className="btn btn-danger" onClick={deleteSelection}>
        <Trash2 size={14} aria-hidden />
        Delete {count} steps
      </button>
    </div>
  );
}

/** What switching a step off does, per kind (core/engine/switched-off.ts). */
function offHelp(kind: NodeKind, outputs: PortSpec[]): string {
  if (kind === 'source') return 'Switched off, this source reads nothing and the steps after it get no records.';
  if (kind === 'lookup') return 'Switched off, nothing is looked up: the records that reach it are skipped.';
  if (kind === 'target') return 'Switched off, nothing is written: the records that reach it are skipped.';
  if (!outputs.length) return 'Switched off, the records that reach it end as skipped.';
  return `Switched off, records pass through it unchanged${outputs.length > 1 ? `, all by “${outputs[0]?.label ?? outputs[0]?.name}”` : ''}. Its settings do not stop the flow.`;
}

/** Any step can be switched off (key D) — by hand, or by a flow setting a template asks about. */
function StepSwitch({ nodeId, kind, outputs, enabled, settings }: { nodeId: string; kind: NodeKind; outputs: PortSpec[]; enabled: boolean | string | undefined; settings: Record<string, unknown> | undefined }) {
  const ref = settingRef(enabled);
  if (ref) {
    const on = settings?.[ref] !== false;
    return (
      <p className="setting-ref small">
        {on ? (kind === 'source' ? 'Reads records' : 'Runs') : 'Switched off'} — set by the flow setting <strong>{ref}</strong>.
      </p>
    );
  }
  return (
    <Toggle
      checked={enabled !== false}
      onChange={(on) => useFlowStore.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === nodeId ? withEnabled(n, on) : n)) }))}
      label={kind === 'source' ? 'Read from this source' : 'Run this step'}
      help={offHelp(kind, outputs)}
    />
  );
}

function NodeInspector({ nodeId }: { nodeId: string }) {
  // Select the parts that matter here, not the node object: a drag must not redraw the form.
  const type = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.type);
  const config = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.config);
  const label = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.label);
  const enabled = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === nodeId)?.enabled);
  const settings = useFlowStore((s) => s.doc?.settings);
  const problems = useFlowStore((s) => s.problemsByNode[nodeId]) ?? noProblems;
  const summary = useFlowStore((s) => s.summaries[nodeId]);
  const desc = useCatalogStore((s) => (type ? s.byType.get(type) : undefined));
  const warnings = useConnectionWarnings(nodeId);
  const schema = useMemo<JsonSchema>(() => asSchema(desc?.configSchema), [desc]);

  const ctx = useMemo<FormContext>(
    () => ({
      problems,
      settings,
      widgets: { mapping: (p) => <Datamapper {...p} nodeId={nodeId} stepTitle={label || desc?.title || nodeId} /> },
    }),
    [problems, settings, nodeId, label, desc],
  );

  if (!type || config === undefined) return null;
  const general = problems.filter((p) => !p.path?.startsWith('config.') || !Object.keys(schema.properties ?? {}).some((k) => p.path?.startsWith(`config.${k}`)));
  const setConfig = (next: Record<string, unknown>) => useFlowStore.getState().apply((d) => updateNode(d, nodeId, { config: next }), { merge: `config:${nodeId}` });

  return (
    <div className="inspector-body">
      <div className="inspector-head">
        <KindIcon kind={desc?.kind ?? 'transform'} size={18} />
        <div className="stack" style={{ gap: 2, flex: 1, minWidth: 0 }}>
          <label className="visually-hidden" htmlFor="node-label">
            Step name
          </label>
          <textarea
            id="node-label"
            className="node-label-input"
            rows={1}
            value={label ?? ''}
            placeholder={desc?.title ?? type}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), (e.target as HTMLTextAreaElement).blur())}
            onChange={(e) => useFlowStore.getState().apply((d) => updateNode(d, nodeId, { label: e.target.value.replace(/\n/g, ' ') || undefined }), { merge: `label:${nodeId}` })}
          />
          <div className="row small">
            {desc ? <AppBadge app={desc.app} /> : null}
            {label || !desc ? <span className="muted">{desc?.title ?? `Unknown step type “${type}”`}</span> : null}
          </div>
        </div>
      </div>
      {desc?.description ? <p className="muted small">{desc.description}</p> : null}
      {summary ? <p className="small">{summary}</p> : null}
      {general.length ? (
        <div className="callout fail" role="status">
          <AlertCircle size={16} aria-hidden />
          <ul className="plain-list">
            {general.map((p, i) => (
              <li key={i}>{plainProblem(p, config, schema)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length ? (
        <div className="callout warn" role="status">
          <AlertTriangle size={16} aria-hidden />
          <ul className="plain-list">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {desc ? <StepSwitch nodeId={nodeId} kind={desc.kind} outputs={desc.outputs} enabled={enabled} settings={settings} /> : null}
      {desc?.kind === 'source' ? <TestRecordsSection nodeId={nodeId} app={desc.app} /> : null}
      {desc ? <SchemaForm schema={schema} value={config} onChange={setConfig} path="config" ctx={ctx} /> : null}
      {desc ? <StepDataSection nodeId={nodeId} isSource={desc.kind === 'source'} portLabels={Object.fromEntries(desc.outputs.map((p) => [p.name, p.label ?? p.name]))} /> : null}
      <div className="inspector-foot">
        <span className="muted small">
          Step id <code>{nodeId}</code>
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm btn-danger" onClick={deleteSelection}>
          <Trash2 size={14} aria-hidden />
          Delete step
        </button>
      </div>
    </div>
  );
}
