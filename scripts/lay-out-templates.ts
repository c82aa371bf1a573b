/**
 * Lays the templates out as the editor's "Tidy up" does, for the canvas a 1280×800 window gives the
 * editor (inspector open, run panel closed), and writes the positions into their files:
 *
 *   npx tsx scripts/lay-out-templates.ts
 *
 * Run it after adding or rewiring a step of a template; e2e/canvas-readable.e2e.test.ts checks
 * that each template then opens readable.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowDocument } from '../core/api/flow-document';
import { createRegistry } from '../core/catalog';
import { layoutPositions } from '../renderer/src/lib/layout';

/** The editor's canvas in a 1280×800 window: measured in the browser (e2e/canvas-readable). */
export const TEMPLATE_CANVAS = { width: 668, height: 705 };

const dir = join(import.meta.dirname, '..', 'resources', 'templates');
const types = new Map(createRegistry().describe().map((t) => [t.type, t]));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.flow.json'))) {
  const path = join(dir, file);
  const doc = JSON.parse(readFileSync(path, 'utf8')) as FlowDocument;
  const positions = layoutPositions(doc, { types, viewport: TEMPLATE_CANVAS });
  for (const n of doc.nodes) n.position = positions.get(n.id) ?? n.position;
  writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`${file}: ${doc.nodes.length} steps laid out`);
}
