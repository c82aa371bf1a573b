import { describe, expect, it } from 'vitest';
import { flowTextWithConfig, nestedJson } from '../testing/deep-json';
import { documentHazards, MAX_NESTING, nestedDeeperThan } from './document-limits';

const docWithConfig = (configJson: string) => JSON.parse(flowTextWithConfig(configJson)) as unknown;

describe('flow document limits', () => {
  it('refuses 20,000 levels of nesting in a node config, naming the node and the field, without overflowing', () => {
    const problems = documentHazards(docWithConfig(`{"records":[],"extra":${nestedJson(20_000)}}`));
    expect(problems).toEqual([
      {
        node: 'src',
        path: 'config.extra',
        message: `Node "src": config.extra is nested too deeply (config.extra.a.a.a.a… goes on past level ${MAX_NESTING}); Sincro reads at most ${MAX_NESTING} levels of objects and lists inside each other.`,
      },
    ]);
  });

  it('allows exactly the limit: the config itself is level 1', () => {
    // config (1) > extra (2) > … : MAX_NESTING objects in all.
    expect(documentHazards(docWithConfig(`{"extra":${nestedJson(MAX_NESTING - 2, '{}')}}`))).toEqual([]);
    expect(documentHazards(docWithConfig(`{"extra":${nestedJson(MAX_NESTING - 1, '{}')}}`))).toHaveLength(1);
    expect(documentHazards(docWithConfig(`{"extra":${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}}`))).toMatchObject([{ node: 'src', path: 'config.extra' }]);
  });

  it('checks a million levels quickly (JSON.parse itself does not recurse)', () => {
    const started = performance.now();
    const doc = docWithConfig(nestedJson(1_000_000));
    expect(documentHazards(doc)).toMatchObject([{ node: 'src', path: 'config.a' }]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses the names that reach a prototype, anywhere, naming where', () => {
    const doc = JSON.parse(
      '{"schemaVersion":1,"id":"f","name":"F","settings":{"constructor":1},"nodes":[' +
        '{"id":"a","type":"t","config":{"__proto__":{"polluted":true},"list":[{"prototype":{}}]}},' +
        '{"id":"b","type":"t","__proto__":{}},' +
        '{"type":"t","config":{"x":{"constructor":"y"}}}' +
        '],"edges":[{"from":{"node":"a","port":"out","__proto__":{}},"to":{"node":"b","port":"in"}}]}',
    ) as unknown;
    const problems = documentHazards(doc);
    expect(problems.map((p) => [p.node, p.path])).toEqual([
      [undefined, 'settings.constructor'],
      [undefined, 'edges[0].from.__proto__'],
      ['a', 'config.__proto__'],
      ['a', 'config.list[0].prototype'],
      ['b', '__proto__'],
      [undefined, 'nodes[2].config.x.constructor'],
    ]);
    expect(problems[2]?.message).toBe('Node "a": config.__proto__ is not allowed: "__proto__", "constructor" and "prototype" cannot be used as names in a flow.');
    expect(problems[5]?.message).toMatch(/^nodes\[2\]: config\.x\.constructor is not allowed/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('has nothing to say about values that are not documents', () => {
    for (const v of [null, 1, 'x', [], {}, { nodes: 'x' }, { nodes: [1, null, []] }]) expect(documentHazards(v)).toEqual([]);
  });

  it('measures any input without recursion', () => {
    const deep = JSON.parse(nestedJson(100_000)) as unknown;
    expect(nestedDeeperThan(deep, 80)).toBe(true);
    expect(nestedDeeperThan(JSON.parse(nestedJson(79)), 80)).toBe(false);
    expect(nestedDeeperThan([[[]]], 3)).toBe(false);
    expect(nestedDeeperThan([[[[]]]], 3)).toBe(true);
  });
});
