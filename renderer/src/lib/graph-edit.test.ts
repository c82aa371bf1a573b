/** Issue 11 §3: connections named by titles, warnings about paths that meet, splitting a connection, a free spot. */
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../../core/api/flow-document';
import type { NodeTypeDescriptor } from '../../../core/api/node-type';
import { connectionWarnings, edgeKey, edgeWords, freeSpot, spliceIntoEdge } from './graph';

const type = (t: string, kind: NodeTypeDescriptor['kind'], outputs = ['out']): NodeTypeDescriptor => ({
  type: t,
  version: 1,
  kind,
  app: 'core',
  title: t,
  description: '',
  inputs: kind === 'source' ? [] : [{ name: 'in', ...(kind === 'target' ? {} : { multiple: true }) }],
  outputs: outputs.map((name) => ({ name, label: name })),
  configSchema: {},
});
const types = new Map([
  ['src', type('src', 'source')],
  ['map', type('map', 'transform')],
  ['filter', type('filter', 'transform', ['pass', 'reject'])],
  ['skip', type('skip', 'transform', [])],
  ['target', type('target', 'target')],
]);
const node = (id: string, t: string, label?: string) => ({ id, type: t, typeVersion: 1, position: { x: 0, y: 0 }, config: {}, ...(label ? { label } : {}) });
const edge = (from: string, to: string, port = 'out') => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const flow = (nodes: FlowDocument['nodes'], edges: FlowDocument['edges']): FlowDocument => ({ schemaVersion: 1, id: 'f', name: 'f', settings: {}, nodes, edges });

describe('connections in words', () => {
  it('names the steps by their titles, and the output where a step has several', () => {
    const doc = flow([node('s', 'src', 'Orders'), node('f', 'filter', 'Has an email?'), node('m', 'map')], [edge('s', 'f'), edge('f', 'm', 'reject')]);
    expect(edgeWords(doc, types, edge('s', 'f'))).toBe('From “Orders” to “Has an email?”');
    expect(edgeWords(doc, types, edge('f', 'm', 'reject'))).toBe('From “Has an email?” (reject) to “map”');
  });
});

describe('warnings about connections', () => {
  it('warns when two steps feed an input that takes one (a target), not one that takes several', () => {
    const doc = flow([node('a', 'src', 'Orders'), node('b', 'src', 'Invoices'), node('m', 'map'), node('t', 'target', 'Invoice')], [edge('a', 'm'), edge('b', 'm'), edge('m', 't'), edge('a', 't')]);
    const w = connectionWarnings(doc, types);
    expect(w['m']).toBeUndefined();
    expect(w['t']).toEqual(['“Invoice” takes its records from one step, but 2 are connected to it: “map”, “Orders”.', 'Each record of “Orders” reaches “Invoice” twice: it goes to 2 steps and their paths meet here.']);
  });

  it('warns when a step’s records reach an input twice, but not when the paths exclude each other (a filter’s pass and reject)', () => {
    const twice = flow([node('s', 'src', 'Orders'), node('a', 'map'), node('b', 'map'), node('j', 'map', 'Join')], [edge('s', 'a'), edge('s', 'b'), edge('a', 'j'), edge('b', 'j')]);
    expect(connectionWarnings(twice, types)['j']).toEqual(['Each record of “Orders” reaches “Join” twice: it goes to 2 steps and their paths meet here.']);
    const exclusive = flow([node('s', 'src'), node('f', 'filter'), node('a', 'map'), node('b', 'map'), node('j', 'map')], [edge('s', 'f'), edge('f', 'a', 'pass'), edge('f', 'b', 'reject'), edge('a', 'j'), edge('b', 'j')]);
    expect(connectionWarnings(exclusive, types)).toEqual({});
  });
});

describe('a step put on a connection', () => {
  const doc = flow([node('s', 'src'), node('t', 'target'), node('n', 'map'), node('k', 'skip')], [edge('s', 't')]);
  it('goes in between: old source → new step → old target', () => {
    const r = spliceIntoEdge(doc, types, edgeKey(edge('s', 't')), 'n');
    expect(r?.edges.map(edgeKey)).toEqual(['s.out->n.in', 'n.out->t.in']);
  });
  it('cannot be a step without an output, nor a connection it is already on', () => {
    expect(spliceIntoEdge(doc, types, edgeKey(edge('s', 't')), 'k')).toBeNull();
    expect(spliceIntoEdge(doc, types, edgeKey(edge('s', 't')), 't')).toBeNull();
  });
});

describe('a free spot', () => {
  it('is the wanted spot when nothing is there, else the nearest below or above it', () => {
    const card = { width: 232, height: 100 };
    expect(freeSpot([], { x: 0, y: 0 }, card)).toEqual({ x: 0, y: 0 });
    expect(freeSpot([{ x: 0, y: 0, ...card }], { x: 10, y: 10 }, card)).toEqual({ x: 10, y: 134 });
    // Below is taken, and just above is too close to the first card: two rows further down.
    expect(freeSpot([{ x: 0, y: 0, ...card }, { x: 0, y: 124, ...card }], { x: 10, y: 10 }, card)).toEqual({ x: 10, y: 258 });
  });
});
