/** Hostile input for tests: JSON text nested `levels` deep, built without recursion. */
export const nestedJson = (levels: number, leaf = '1'): string => `${'{"a":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;

/** A one-node flow document as JSON text, with `configJson` spliced in as the node's config. */
export const flowTextWithConfig = (configJson: string, nodeType = 'core.source.sample', id = 'deep'): string =>
  `{"schemaVersion":1,"id":"${id}","name":"Deep","nodes":[{"id":"src","type":"${nodeType}","config":${configJson}}],"edges":[]}`;
