/**
 * Makes running code of what jsonata-codegen.ts generated: one module per expression (or per
 * datamapper), made with `new Function`. Literal values reach the code as constants and every name
 * in its source is a JSON string, so nothing a user types becomes code.
 */
import { copyFields } from '../util/own-field';
import { setPathParts } from './field-path';
import { str, type AstNode, type Generator } from './jsonata-codegen';
import { FUNCTIONS } from './jsonata-functions';
import * as values from './jsonata-values';

const RUNTIME = { ...values, setPathParts, copyFields };

/** What the generated code uses; the names are bound once at the top of its source. */
const RUNTIME_NAMES = ['BAIL', 'collapse', 'hasOwn', 'isFunction', 'isSeq', 'stepName', 'splice', 'lastStep', 'toBoolean', 'toText', 'isFiniteNumber', 'isScalar', 'setPathParts', 'copyFields'] as const;

/** Variable names expressions bind with `:=` anywhere. */
export function boundNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) boundNames(n, out);
  else if (node && typeof node === 'object') {
    const n = node as AstNode;
    if (n.type === 'bind' && (n.lhs as AstNode | undefined)?.type === 'variable') out.add(String((n.lhs as AstNode).value));
    for (const v of Object.values(n)) if (v && typeof v === 'object') boundNames(v, out);
  }
  return out;
}

/**
 * Links the generated functions with `lines` (code that uses them) into one module and returns
 * what `returned` names. Literal values reach the code as constants, never as source text.
 */
export function link(gen: Generator, lines: string[], returned: string): unknown {
  const source = [
    '"use strict";',
    `const { ${RUNTIME_NAMES.join(', ')} } = R;`,
    ...[...gen.called].map((name) => `const F_${name} = F[${str(name)}].fn;`),
    ...gen.functions,
    ...lines,
    `return ${returned};`,
  ].join('\n');
  return new Function('R', 'F', 'K', source)(RUNTIME, FUNCTIONS, gen.constants);
}

/** Code that returns `bail` when the bindings hold a name of a built-in function the module calls (it would be called instead). */
export function shadowCheck(gen: Generator, bail: string): string {
  if (!gen.called.size) return '';
  return `if (bindings !== undefined && (${[...gen.called].map((n) => `hasOwn(bindings, ${str(n)})`).join(' || ')})) return ${bail};`;
}

