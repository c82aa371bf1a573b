import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(e.problems).toEqual([{ node: 'n1', path: 'nodes[0].position.x', message: 'nodes[0].position.x expected number, received string' }]);
  });

  it('refuses a flow from a newer Sincro with a clear message', () => {
    const e = errorOf(() => readFlowFile(file('new.json', JSON.stringify({ schemaVersion: 7, id: 'f', name: 'n', nodes: [] }))));
    expect(e.message).toMatch(/was saved by a newer Sincro \(flow format 7; this version reads format 1\)/);
  });

  it('says when the file is missing', () => {
    expect(errorOf(() => readFlowFile(join(dir.path, 'nope.json'))).message).toBe(`The flow file ${join(dir.path, 'nope.json')} does not exist.`);
  });
});
