import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { checkConnection, handleId, upstreamChain } from './graph';

const type = (t: string, kind: NodeTypeDescriptor['kind'], outputs = ['out']): NodeTypeDescriptor => ({ type: t, version: 1, kind, app: 'core', title: t, description: '', inputs: kind === 'source' ? [] : [{ name: 'in' }], outputs: outputs.map((name) => ({ name })), configSchema: {} });
const types = new Map([
  ['src', type('src', 'source')],
  ['map', type('map', 'transform')],
  ['look', type('look', 'lookup', ['found', 'missing'])],
]);
const node = (id: string, t: string) => ({ id, type: t, typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
const doc: FlowDocument = {
  schemaVersion: 1,
  id: 'f',
  name: 'f',
  settings: {},
  nodes: [node('s', 'src'), node('m', 'map'), node('l', 'look'), node('s2', 'src')],
  edges: [
    { from: { node: 's', port: 'out' }, to: { node: 'm', port: 'in' } },
    { from: { node: 'm', port: 'out' }, to: { node: 'l', port: 'in' } },
  ],
};
const attempt = (source: string, sh: string, target: string, th: string) => checkConnection(doc, types, { source, sourceHandle: sh, target, targetHandle: th });

describe('drawing a connection', () => {
  it('accepts an output to an input, whichever end the drag started from', () => {
    expect(attempt('s2', handleId('out', 'out'), 'm', handleId('in', 'in'))).toEqual({ ok: true, edge: { from: { node: 's2', port: 'out' }, to: { node: 'm', port: 'in' } } });
    expect(attempt('m', handleId('in', 'in'), 's2', handleId('out', 'out'))).toMatchObject({ ok: true, edge: { from: { node: 's2' }, to: { node: 'm' } } });
  });

  it('refuses what makes no sense, saying why', () => {
    expect(attempt('m', handleId('out', 'out'), 'l', handleId('out', 'found'))).toMatchObject({ ok: false, reason: expect.stringContaining('Both ends are outputs') });
    expect(attempt('m', handleId('in', 'in'), 'l', handleId('in', 'in'))).toMatchObject({ ok: false, reason: expect.stringContaining('Both ends are inputs') });
    expect(attempt('m', handleId('out', 'out'), 'l', handleId('in', 'in'))).toMatchObject({ ok: false, reason: expect.stringContaining('already connected') });
    expect(attempt('l', handleId('out', 'found'), 'm', handleId('in', 'in'))).toMatchObject({ ok: false, reason: expect.stringContaining('loop') });
    expect(attempt('m', handleId('out', 'out'), 'm', handleId('in', 'in'))).toMatchObject({ ok: false, reason: expect.stringContaining('cannot feed itself') });
  });

  it('follows the steps feeding a node', () => {
    expect(upstreamChain(doc, 'l')).toEqual([
      { node: 's', port: 'out' },
      { node: 'm', port: 'out' },
    ]);
  });
});
