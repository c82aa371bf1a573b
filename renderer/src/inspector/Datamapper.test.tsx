// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodName, SincroApi } from '../../../core/api/contract';
import type { FlowDocument } from '../../../core/api/flow-document';
import { useCatalogStore } from '../state/useCatalogStore';
import { useFlowStore } from '../state/useFlowStore';
import { Datamapper } from './Datamapper';

const records = [
  { orderNumber: 'WEB-1', email: 'anna@example.nl' },
  { orderNumber: 'WEB-2', email: 'bram@example.nl' },
];
const doc: FlowDocument = {
  schemaVersion: 1,
  id: 'f',
  name: 'f',
  settings: {},
  nodes: [
    { id: 'src', type: 'core.source.sample', typeVersion: 1, position: { x: 0, y: 0 }, config: { records } },
    { id: 'map', type: 'core.transform.map', typeVersion: 1, position: { x: 300, y: 0 }, config: { fields: [{ target: 'email', expr: 'email' }] } },
  ],
  edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }],
};

// A stand-in for core: no last run, and a preview that upper-cases what the expression names.
function fakeApi(): SincroApi {
  return {
    onEvent: () => () => undefined,
    call: vi.fn(async (method: MethodName, input: unknown) => {
      if (method === 'flows.sampleRecords') return [];
      if (method === 'flows.previewNode') {
        const { doc: d, records: recs } = input as { doc: FlowDocument; records: Array<Record<string, string>> };
        const fields = (d.nodes.find((n) => n.id === 'map')?.config.fields ?? []) as Array<{ target: string; expr: string }>;
        return recs.map((r, i) => {
          const bad = fields.find((f) => !(f.expr in r));
          if (bad) return { key: `#${i + 1}`, status: 'failed', message: `"${bad.target}" could not be filled`, field: bad.target };
          return { key: `#${i + 1}`, status: 'ok', output: Object.fromEntries(fields.map((f) => [f.target, String(r[f.expr]).toUpperCase()])) };
        });
      }
      throw new Error(`unexpected ${method}`);
    }) as SincroApi['call'],
  };
}

beforeEach(() => {
  window.sincro = fakeApi();
  const sample = { type: 'core.source.sample', version: 1, kind: 'source' as const, app: 'core', title: 'Sample records', description: '', inputs: [], outputs: [{ name: 'out' }], configSchema: {} };
  useCatalogStore.setState({ loaded: true, nodeTypes: [sample], byType: new Map([[sample.type, sample]]) });
  useFlowStore.getState().load(doc, 1);
});
afterEach(cleanup);

function Mapper() {
  const config = useFlowStore((s) => s.doc?.nodes.find((n) => n.id === 'map')?.config);
  return (
    <Datamapper
      name="fields"
      nodeId="map"
      stepTitle="Map fields"
      label="Fields"
      id="m"
      path="config.fields"
      required
      schema={{}}
      ctx={{ problems: [] }}
      value={config?.fields}
      onChange={(fields) => useFlowStore.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'map' ? { ...n, config: { ...n.config, fields } } : n)) }))}
    />
  );
}

describe('the datamapper', () => {
  it('lists the incoming fields of the sample records and previews every target field', async () => {
    render(<Mapper />);
    await screen.findByText('From the sample step');
    expect(screen.getByRole('button', { name: /orderNumber/ })).toBeTruthy();
    await waitFor(() => expect(document.querySelector('[data-preview-for="email"]')?.textContent).toContain('ANNA@EXAMPLE.NL'));
  });

  it('follows an edit, and shows a failure on the field it concerns', async () => {
    render(<Mapper />);
    await waitFor(() => expect(document.querySelector('[data-preview-for="email"]')?.textContent).toContain('ANNA'));
    fireEvent.change(screen.getByLabelText('Value for email'), { target: { value: 'orderNumber' } });
    await waitFor(() => expect(document.querySelector('[data-preview-for="email"]')?.textContent).toContain('WEB-1'));
    fireEvent.change(screen.getByLabelText('Value for email'), { target: { value: 'nothing' } });
    await waitFor(() => expect(document.querySelector('[data-mapping-row="0"]')?.textContent).toContain('"email" could not be filled'));
  });

  it('adds a mapping from an incoming field with one click', async () => {
    render(<Mapper />);
    fireEvent.click(await screen.findByRole('button', { name: /orderNumber/ }));
    expect(useFlowStore.getState().doc?.nodes[1]?.config.fields).toEqual([
      { target: 'email', expr: 'email' },
      { target: 'orderNumber', expr: 'orderNumber' },
    ]);
  });
});
