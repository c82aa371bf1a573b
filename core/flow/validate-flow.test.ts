import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../api/flow-document';
import { builtinRegistry } from '../nodes/builtin';
import { nestedJson } from '../testing/deep-json';
import { flow } from '../testing/golden';
import { MAX_NESTING } from './document-limits';
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
      { node: 'out', path: 'config.path', message: 'Node "out" (Write file): path must not be empty.' },
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

describe('unknown keys in a node config', () => {
  const skipNode = (config: Record<string, unknown>) => flow({ nodes: [src, { id: 'skip', type: 'core.transform.skip', config }], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'skip', port: 'in' } }] });

  it('are refused, naming the node, the key and the closest known key', () => {
    expect(problems(skipNode({ reason: 'done', reasn: 'done' }))).toEqual([
      { node: 'skip', path: 'config.reasn', message: 'Node "skip" (Skip): "reasn" is not a known setting (did you mean "reason"?).' },
    ]);
  });

  it('are refused inside nested objects and lists too, and the known keys are listed when none is close', () => {
    const lookup = flow({
      nodes: [src, { id: 'look', type: 'core.lookup.table', config: { key: 'email', keyColumn: 'email', table: { from: 'file', path: 'c.csv', format: 'csv', delimitr: ';' } } }],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'look', port: 'in' } }],
    });
    expect(problems(lookup)).toEqual([{ node: 'look', path: 'config.table.delimitr', message: 'Node "look" (Look up in a table): table: "delimitr" is not a known setting (did you mean "delimiter"?).' }]);
    const send = flow({
      nodes: [src, { id: 'send', type: 'http.target.request', config: { url: 'https://example.com/x', headers: [{ name: 'X-A', value: 'b', zzz: 1 }] } }],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'send', port: 'in' } }],
    });
    expect(problems(send)).toEqual([{ node: 'send', path: 'config.headers[0].zzz', message: 'Node "send" (Send to an HTTP API): headers[0]: "zzz" is not a known setting (known: name, value).' }]);
  });

  it('are refused when a whole setting is spliced in ({{settings.x}}), naming the config field', () => {
    const doc = flow({
      settings: { table: [{ from: 'a', to: 'b', too: 'c' }] },
      nodes: [src, { id: 'vm', type: 'core.transform.valueMap', config: { field: 'x', table: '{{settings.table}}' } }],
      edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'vm', port: 'in' } }],
    });
    expect(problems(doc)).toEqual([{ node: 'vm', path: 'config.table[0].too', message: 'Node "vm" (Translate values): table[0]: "too" is not a known setting (did you mean "to"?).' }]);
  });

  it('refuses __proto__, constructor and prototype in a flow made in the process, and no prototype changes', () => {
    const config = JSON.parse('{"reason":"x","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Record<string, unknown>;
    const doc: FlowDocument = { ...flow({ nodes: [src] }), nodes: [{ ...flow({ nodes: [src] }).nodes[0]!, id: 'skip', type: 'core.transform.skip', config }] };
    expect(problems(doc).map((p) => [p.node, p.path])).toEqual([
      ['skip', 'config.__proto__'],
      ['skip', 'config.constructor'],
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  });

  it('refuses a config nested deeper than the limit instead of overflowing the stack', () => {
    const config = JSON.parse(`{"reason":"x","deep":${nestedJson(20_000)}}`) as Record<string, unknown>;
    const base = flow({ nodes: [src] });
    const doc: FlowDocument = { ...base, nodes: [{ ...base.nodes[0]!, id: 'skip', type: 'core.transform.skip', config }] };
    expect(problems(doc)).toEqual([expect.objectContaining({ node: 'skip', path: 'config.deep', message: expect.stringContaining(`past level ${MAX_NESTING}`) })]);
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
    expect(problems(withSettings({ employeeNumber: 'abc' }))).toEqual([{ path: 'settings.employeeNumber', message: 'Setting “Employee number” (employeeNumber) must be a number.' }]);
  });

  it('name the node and the setting when a node refers to one that is not set', () => {
    const doc = flow({ nodes: [src, { id: 'out', type: 'file.target.write', config: { path: 'x', format: '{{settings.nope}}' } }], edges: [{ from: { node: 'src', port: 'out' }, to: { node: 'out', port: 'in' } }] });
    expect(problems(doc)).toEqual([{ node: 'out', path: 'config.format', message: 'Node "out": config.format uses the flow setting "nope", which is not set. Add it under the flow\'s settings.' }]);
  });
});
