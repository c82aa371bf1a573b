/** The generic node types every Sincro has, whatever connectors are installed. */
import type { NodeType } from './define-node';
import { tableLookup } from './lookup-table';
import { NodeRegistry } from './registry';
import { fileSource } from './source-file';
import { sampleSource } from './source-sample';
import { fileTarget } from './target-file';
import { httpTarget } from './target-http';
import { setDefaults } from './transform-defaults';
import { filterRecords } from './transform-filter';
import { failRecords } from './transform-fail';
import { skipRecords } from './transform-skip';
import { mapFields } from './transform-map';
import { valueMap } from './transform-value-map';

export const builtinNodeTypes = [sampleSource, fileSource, mapFields, filterRecords, valueMap, setDefaults, skipRecords, failRecords, tableLookup, fileTarget, httpTarget] as NodeType[];

export function builtinRegistry(): NodeRegistry {
  return new NodeRegistry(builtinNodeTypes);
}
