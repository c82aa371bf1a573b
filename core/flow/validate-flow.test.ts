import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../nodes/builtin';
import { flow } from '../testing/golden';
import { validateFlow } from './validate-flow';

const registry = builtinRegistry();
const src = { id: 'src', type: 'core.source.sample', config: { records: [] } };
const map = { id: 'map', type: 'core.transform.map', config: { fields: [{ target: 'a', expr: 'a' }] } };
const problems = (doc: ReturnType<typeof flow>) => {
  const v = validateFlow(doc, registry);
  return v.ok ? [] : v.problems;
};

describe('flow validation', () => {
  it('accepts a valid flow and orders its nodes upstream first', () => {
    const v = validateFlow(flow({ nodes: [map, src], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } }] }), registry);
    expect(v.ok && v.flow.order).toEqual(['src', 'map']);
  });

  it('names an unknown node type', () => {
    expect(problems(flow({ nodes: [src, { id: 'x', type: 'acme.magic' }] }))).toEqual([
      { node: 'x', path: 'type', message: 'Node "x" has an unknown type "acme.magic". It may come from a newer Sincro or a connector that is not installed.' },
    ]);
  });

  it('names the node and the field of an invalid config', () => {
    expect(problems(flow({ nodes: [src, { id: 'out', type: 'file.target.write', config: { path: '', format: 'xml' } }], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }] }))).toEqual([
      { node: 'out', path: 'config.path', message: 'Node "out" (Write file): path Too small: expected string to have >=1 characters.' },
      { node: 'out', path: 'config.format', message: 'Node "out" (Write file): format must be one of: "ndjson", "csv".' },
    ]);
  });

  it('names unknown ports and unconnected inputs', () => {
    const found = problems(flow({ nodes: [src, map, { ...map, id: 'map2' }], edges: [{ from: { node: 'src', port: 'pass' }, to: { node: 'map', port: 'in' } }] }));
    expect(found).toContainEqual({ node: 'src', path: 'edges[0].from.port', message: 'Node "src" (Sample records) has no output "pass"; its outputs are: out.' });
    expect(found).toContainEqual({ node: 'map2', path: 'inputs.in', message: 'Node "map2" (Map fields) needs something connected to its input "in".' });
  });

  it('finds a loop and lists it', () => {
    const found = problems(
      flow({
        nodes: [src, map, { ...map, id: 'map2' }],
        edges: [
          { from: { node: 'src', port: 'out' }, to: { node: 'map', port: 'in' } },
          { from: { node: 'map', port: 'out' }, to: { node: 'map2', port: 'in' } },
          { from: { node: 'map2', port: 'out' }, to: { node: 'map', port: 'in' } },
        ],
      }),
    );
    expect(found).toEqual([{ node: 'map', path: 'edges', message: 'The connections make a loop: map → map2 → map. Records must flow one way.' }]);
  });

  it('refuses secrets written into a flow', () => {
    const found = problems(
      flow({
        nodes: [src, { id: 'send', type: 'http.target.request', config: { url: 'https://api.example.com/x', headers: [{ name: 'X', value: 'y' }], apiKey: 'abc' } }],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
      }),
    );
    expect(found).toContainEqual({ node: 'send', path: 'config.apiKey', message: 'Node "send": config.apiKey looks like a secret. Store secrets in a connection and refer to it; flow files are shared and exported.' });
  });

  it('refuses a secret-looking header value', () => {
    const found = problems(
      flow({
        nodes: [src, { id: 'send', type: 'http.target.request', config: { url: 'https://api.example.com/x', headers: [{ name: 'Authorization', value: 'Bearer abc' }] } }],
        edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
      }),
    );
    expect(found.map((p) => p.path)).toEqual(['config.headers[0].value']);
  });
});

describe('flow settings', () => {
  const settingsSchema = {
    type: 'object',
    properties: {
      employeeNumber: { type: 'integer', minimum: 1, default: 999999, label: 'Employee number' },
      format: { type: 'string', enum: ['ndjson', 'csv'], default: 'ndjson', label: 'File format' },
    },
  };
  const withSettings = (settings: Record<string, unknown>) =>
    flow({ settings, settingsSchema, nodes: [src, { id: 'out', type: 'file.target.write', config: { path: 'x', format: '{{settings.format}}' } }], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }] });

  it('reach node configs through {{settings.name}}, with the schema’s defaults', () => {
    const v = validateFlow(withSettings({}), registry);
    expect(v.ok && v.flow.nodes.get('out')?.config).toMatchObject({ format: 'ndjson' });
    const csv = validateFlow(withSettings({ format: 'csv' }), registry);
    expect(csv.ok && csv.flow.nodes.get('out')?.config).toMatchObject({ format: 'csv' });
  });

  it('are checked against the flow’s settings schema, naming the setting', () => {
    expect(problems(withSettings({ employeeNumber: 'abc' }))).toEqual([{ path: 'settings.employeeNumber', message: 'Setting “Employee number” (employeeNumber) expected number, received string.' }]);
  });

  it('name the node and the setting when a node refers to one that is not set', () => {
    const doc = flow({ nodes: [src, { id: 'out', type: 'file.target.write', config: { path: 'x', format: '{{settings.nope}}' } }], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }] });
    expect(problems(doc)).toEqual([{ node: 'out', path: 'config.format', message: 'Node "out": config.format uses the flow setting "nope", which is not set. Add it under the flow\'s settings.' }]);
  });
});
