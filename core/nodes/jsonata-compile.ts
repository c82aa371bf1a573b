/**
 * Compiles the everyday part of JSONata (field paths, one level of mapping over an array, text
 * joins, arithmetic, comparisons, conditions and a handful of functions) into a plain JavaScript
 * function. It exists for speed: a mapping like `$sum(lines.(quantity * price))` costs a few
 * property reads instead of a JSONata evaluation and a promise.
 *
 * Correctness rule: the compiled function either returns exactly what JSONata would, or returns
 * BAIL, and the caller then asks JSONata itself. Whenever a value falls outside the simple model
 * (nested arrays, objects compared, numbers JSONata would format, anything that would raise a
 * JSONata error) it bails. The differential test beside this file checks the rule on a corpus.
 */
import jsonata from 'jsonata';

export const BAIL: unique symbol = Symbol('bail');
export type Compiled = (input: unknown, bindings: Record<string, unknown> | undefined) => unknown;

interface Ctx {
  input: unknown;
  root: unknown;
  bindings: Record<string, unknown> | undefined;
}
type Fn = (ctx: Ctx) => unknown;

interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  expressions?: AstNode[];
  lhs?: AstNode;
  rhs?: AstNode;
  expression?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  arguments?: AstNode[];
  procedure?: AstNode;
  [extra: string]: unknown;
}

class Unsupported extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** JSONata's truthiness, for the values where it is plain; undefined means "bail". */
function truth(v: unknown): boolean | typeof BAIL {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  return BAIL;
}

/** How `&` and $string write a value, where that is plain. */
function text(v: unknown): string | typeof BAIL {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  // JSONata writes numbers with 15 significant digits; integers below 1e15 read the same either way.
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : BAIL;
  if (typeof v === 'boolean' || v === null) return String(v);
  return BAIL;
}

const PLAIN_STEP_KEYS = new Set(['type', 'value', 'position', 'expressions']);
function plainStep(step: AstNode): void {
  for (const k of Object.keys(step)) if (!PLAIN_STEP_KEYS.has(k)) throw new Unsupported(k);
}

function compilePath(node: AstNode): Fn {
  const steps = (node.steps ?? []).map((step, i): Fn | { name: string } => {
    plainStep(step);
    if (step.type === 'name') return { name: String(step.value) };
    if (step.type === 'block' && i > 0) {
      const body = compileBlock(step);
      return (ctx) => body(ctx);
    }
    if (i === 0 && step.type === 'variable') return compileVariable(step);
    throw new Unsupported(`step ${step.type}`);
  });
  if (!steps.length) throw new Unsupported('empty path');
  const apply = (step: Fn | { name: string }, value: unknown, ctx: Ctx): unknown => {
    if (typeof step === 'function') return step({ ...ctx, input: value });
    return isObj(value) ? value[step.name] : undefined;
  };
  return (ctx) => {
    const first = steps[0] as Fn | { name: string };
    if (typeof first !== 'function' && Array.isArray(ctx.input)) return BAIL;
    let cur = apply(first, ctx.input, ctx);
    if (cur === BAIL) return BAIL;
    let mapped: unknown[] | undefined;
    for (let i = 1; i < steps.length; i++) {
      const step = steps[i] as Fn | { name: string };
      const items = mapped ?? (Array.isArray(cur) ? cur : undefined);
      if (items) {
        const next: unknown[] = [];
        for (const item of items) {
          if (Array.isArray(item)) return BAIL;
          const r = apply(step, item, ctx);
          if (r === BAIL || Array.isArray(r)) return BAIL;
          if (r !== undefined) next.push(r);
        }
        mapped = next;
      } else {
        if (cur === undefined) return undefined;
        cur = apply(step, cur, ctx);
        if (cur === BAIL) return BAIL;
      }
    }
    if (!mapped) return cur;
    return mapped.length === 0 ? undefined : mapped.length === 1 ? mapped[0] : mapped;
  };
}

function compileVariable(node: AstNode): Fn {
  const name = String(node.value);
  if (name === '') return (ctx) => ctx.input;
  if (name === '$') return (ctx) => ctx.root;
  return (ctx) => (ctx.bindings && name in ctx.bindings ? ctx.bindings[name] : BAIL);
}

function compileBlock(node: AstNode): Fn {
  const exprs = (node.expressions ?? []).map(compileNode);
  if (exprs.length !== 1) throw new Unsupported('block of several expressions');
  return exprs[0] as Fn;
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

function compileBinary(node: AstNode): Fn {
  const op = String(node.value);
  const lhs = compileNode(node.lhs as AstNode);
  const rhs = compileNode(node.rhs as AstNode);
  const arith = ARITH[op];
  if (arith) {
    return (ctx) => {
      const a = lhs(ctx);
      const b = rhs(ctx);
      if (a === BAIL || b === BAIL) return BAIL;
      if (a === undefined || b === undefined) return typeof a === 'number' || typeof b === 'number' || a === b ? undefined : BAIL;
      if (typeof a !== 'number' || typeof b !== 'number') return BAIL;
      const r = arith(a, b);
      return Number.isFinite(r) ? r : BAIL;
    };
  }
  if (op === '&') {
    return (ctx) => {
      const a = text(lhs(ctx));
      const b = text(rhs(ctx));
      return a === BAIL || b === BAIL ? BAIL : a + b;
    };
  }
  if (op === '=' || op === '!=') {
    return (ctx) => {
      const a = lhs(ctx);
      const b = rhs(ctx);
      if (a === BAIL || b === BAIL) return BAIL;
      if (a === undefined || b === undefined) return false;
      if (!isScalar(a) || !isScalar(b)) return BAIL;
      return op === '=' ? a === b : a !== b;
    };
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    return (ctx) => {
      const a = lhs(ctx);
      const b = rhs(ctx);
      if (a === BAIL || b === BAIL) return BAIL;
      if (a === undefined || b === undefined) return (typeof a === 'number' || typeof a === 'string' || a === undefined) && (typeof b === 'number' || typeof b === 'string' || b === undefined) ? undefined : BAIL;
      if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return BAIL;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    };
  }
  if (op === 'and' || op === 'or') {
    return (ctx) => {
      const a = truth(lhs(ctx));
      if (a === BAIL) return BAIL;
      if (op === 'and' ? !a : a) return a;
      return truth(rhs(ctx));
    };
  }
  throw new Unsupported(`operator ${op}`);
}

function nums(v: unknown): number[] | typeof BAIL {
  const list = Array.isArray(v) ? v : [v];
  return list.every((x) => typeof x === 'number') ? (list as number[]) : BAIL;
}

type Fun = (args: unknown[]) => unknown;
const FUNCTIONS: Record<string, { arity: [number, number]; fn: Fun }> = {
  sum: { arity: [1, 1], fn: ([v]) => { if (v === undefined) return undefined; const l = nums(v); return l === BAIL ? BAIL : l.reduce((s, x) => s + x, 0); } },
  count: { arity: [1, 1], fn: ([v]) => (v === undefined ? 0 : Array.isArray(v) ? v.length : 1) },
  exists: { arity: [1, 1], fn: ([v]) => v !== undefined },
  string: { arity: [1, 1], fn: ([v]) => (v === undefined ? undefined : text(v)) },
  uppercase: { arity: [1, 1], fn: ([v]) => (v === undefined ? undefined : typeof v === 'string' ? v.toUpperCase() : BAIL) },
  lowercase: { arity: [1, 1], fn: ([v]) => (v === undefined ? undefined : typeof v === 'string' ? v.toLowerCase() : BAIL) },
  trim: {
    arity: [1, 1],
    fn: ([v]) => {
      if (v === undefined) return undefined;
      if (typeof v !== 'string') return BAIL;
      let r = v.replace(/[ \t\n\r]+/gm, ' ');
      if (r.charAt(0) === ' ') r = r.substring(1);
      if (r.charAt(r.length - 1) === ' ') r = r.substring(0, r.length - 1);
      return r;
    },
  },
  substring: {
    arity: [2, 3],
    fn: ([s, start, length]) => {
      if (s === undefined) return undefined;
      if (typeof s !== 'string' || !Number.isInteger(start) || (length !== undefined && !Number.isInteger(length))) return BAIL;
      const chars = Array.from(s);
      let from = start as number;
      if (chars.length + from < 0) from = 0;
      if (length === undefined) return chars.slice(from).join('');
      if ((length as number) <= 0) return '';
      const end = from >= 0 ? from + (length as number) : chars.length + from + (length as number);
      return chars.slice(from, end).join('');
    },
  },
  number: {
    arity: [1, 1],
    fn: ([v]) => (v === undefined ? undefined : typeof v === 'number' ? v : typeof v === 'string' && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(v) ? Number(v) : BAIL),
  },
  join: {
    arity: [1, 2],
    fn: ([v, sep]) => {
      if (v === undefined) return undefined;
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => typeof x === 'string') || (sep !== undefined && typeof sep !== 'string')) return BAIL;
      return list.join(sep ?? '');
    },
  },
  boolean: { arity: [1, 1], fn: ([v]) => (v === undefined ? undefined : truth(v)) },
  not: { arity: [1, 1], fn: ([v]) => { if (v === undefined) return undefined; const t = truth(v); return t === BAIL ? BAIL : !t; } },
};

function compileFunction(node: AstNode): Fn {
  const proc = node.procedure;
  if (proc?.type !== 'variable') throw new Unsupported('computed function');
  const def = FUNCTIONS[String(proc.value)];
  const args = (node.arguments ?? []).map(compileNode);
  if (!def || args.length < def.arity[0] || args.length > def.arity[1]) throw new Unsupported(`function ${String(proc.value)}`);
  return (ctx) => {
    const values: unknown[] = [];
    for (const a of args) {
      const v = a(ctx);
      if (v === BAIL) return BAIL;
      values.push(v);
    }
    return def.fn(values);
  };
}

/** AST decorations that change meaning (grouping, predicates, focus, …) are left to JSONata. */
const UNSUPPORTED_KEYS = ['group', 'predicate', 'stages', 'focus', 'index', 'tuple', 'keepArray', 'keepSingletonArray', 'consarray', 'seekingParent', 'ancestor'];

function compileNode(node: AstNode): Fn {
  for (const k of UNSUPPORTED_KEYS) if (k in node) throw new Unsupported(k);
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value': {
      const v = node.value;
      return () => v;
    }
    case 'path':
      return compilePath(node);
    case 'variable':
      return compileVariable(node);
    case 'binary':
      return compileBinary(node);
    case 'block':
      return compileBlock(node);
    case 'function':
      return compileFunction(node);
    case 'condition': {
      const cond = compileNode(node.condition as AstNode);
      const then = compileNode(node.then as AstNode);
      const otherwise = node.else ? compileNode(node.else) : () => undefined;
      return (ctx) => {
        const t = truth(cond(ctx));
        return t === BAIL ? BAIL : t ? then(ctx) : otherwise(ctx);
      };
    }
    case 'unary': {
      if (node.value !== '-') throw new Unsupported(`unary ${String(node.value)}`);
      const inner = compileNode(node.expression as AstNode);
      return (ctx) => {
        const v = inner(ctx);
        return v === undefined ? undefined : typeof v === 'number' ? -v : BAIL;
      };
    }
    default:
      throw new Unsupported(node.type);
  }
}

/** The compiled function for an expression, or undefined when it uses more than the subset. */
export function compileJsonata(expr: string): Compiled | undefined {
  let fn: Fn;
  try {
    fn = compileNode(jsonata(expr).ast() as AstNode);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return (input, bindings) => fn({ input, root: input, bindings });
}
