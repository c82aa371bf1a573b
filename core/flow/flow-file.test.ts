import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flowTextWithConfig, nestedJson } from '../testing/deep-json';
import { tempDir } from '../testing/golden';
import { FlowFileError, readFlowFile, serializeFlow } from './flow-file';

const dir = tempDir();
afterAll(() => dir.remove());
const file = (name: string, text: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
};
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as FlowFileError;
  }
  throw new Error('expected an error');
};

describe('flow files', () => {
  it('round-trips a flow through export and import', () => {
    const path = file('ok.json', JSON.stringify({ schemaVersion: 1, id: 'f1', name: 'Orders', nodes: [{ id: 'a', type: 'core.source.sample', config: { records: [] } }] }));
    const doc = readFlowFile(path);
    expect(doc.nodes[0]).toMatchObject({ typeVersion: 1, position: { x: 0, y: 0 } });
    expect(readFlowFile(file('again.json', serializeFlow(doc)))).toEqual(doc);
  });

  it('says where the JSON breaks', () => {
    const e = errorOf(() => readFlowFile(file('broken.json', '{\n  "schemaVersion": 1,\n  "id": "x",\n  "name": "y",,\n}')));
    expect(e).toBeInstanceOf(FlowFileError);
    expect(e.message).toMatch(/^The flow file .*broken\.json is not valid JSON at line 4, column \d+/);
  });

  it('names the field that is wrong, and the node it belongs to', () => {
    const e = errorOf(() => readFlowFile(file('bad.json', JSON.stringify({ schemaVersion: 1, id: 'f', name: 'n', nodes: [{ id: 'n1', type: 'x', position: { x: 'left', y: 0 } }] }))));
    expect(e.problems).toEqual([{ node: 'n1', path: 'nodes[0].position.x', message: 'Node "n1": position.x must be a number' }]);
  });

  it('refuses a flow from a newer Sincro with a clear message', () => {
    const e = errorOf(() => readFlowFile(file('new.json', JSON.stringify({ schemaVersion: 7, id: 'f', name: 'n', nodes: [] }))));
    expect(e.message).toMatch(/was saved by a newer Sincro \(flow format 7; this version reads format 1\)/);
  });

  it('says when the file is missing', () => {
    expect(errorOf(() => readFlowFile(join(dir.path, 'nope.json'))).message).toBe(`The flow file ${join(dir.path, 'nope.json')} does not exist.`);
  });

  it('refuses a config nested 20,000 levels deep, naming the node and the field, before zod sees it', () => {
    const e = errorOf(() => readFlowFile(file('deep.json', flowTextWithConfig(`{"records":[],"extra":${nestedJson(20_000)}}`))));
    expect(e).toBeInstanceOf(FlowFileError);
    expect(e.problems).toMatchObject([{ node: 'src', path: 'config.extra' }]);
    expect(e.message).toMatch(/deep\.json is not a valid Sincro flow:\n {2}- Node "src": config\.extra is nested too deeply .* at most 64 levels/);
  });

  it('refuses unknown keys of the document, its nodes and edges, with the closest known key', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      id: 'f',
      name: 'n',
      edge: [],
      nodes: [{ id: 'n1', type: 'x', confg: {}, position: { x: 0, y: 0, zoom: 1 } }],
      edges: [{ from: { node: 'n1', prot: 'out' }, to: { node: 'n1', port: 'in' } }],
    });
    const e = errorOf(() => readFlowFile(file('keys.json', text)));
    expect(e.problems).toEqual([
      { node: 'n1', path: 'nodes[0].position.zoom', message: 'Node "n1": "zoom" is not a known field of nodes[0].position (known: x, y)' },
      { node: 'n1', path: 'nodes[0].confg', message: 'Node "n1": "confg" is not a known field of nodes[0] (did you mean "config"?)' },
      { path: 'edges[0].from.port', message: 'edges[0].from.port is required' },
      { path: 'edges[0].from.prot', message: '"prot" is not a known field of edges[0].from (did you mean "port"?)' },
      { path: 'edge', message: '"edge" is not a known field of a flow (did you mean "edges"?)' },
    ]);
  });

  it('refuses __proto__ anywhere, and the key does not vanish on the way', () => {
    const e = errorOf(() => readFlowFile(file('proto.json', '{"schemaVersion":1,"id":"f","name":"n","__proto__":{"polluted":1},"nodes":[{"id":"a","type":"t","config":{"__proto__":{"polluted":1}}}]}')));
    expect(e.problems.map((p) => [p.node, p.path])).toEqual([
      [undefined, '__proto__'],
      ['a', 'config.__proto__'],
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
