/**
 * Compiles the everyday part of JSONata into plain synchronous JavaScript: field paths and path maps
 * over arrays (`lines.qty`, `lines.{…}`, `lines.(price * qty)`), text joins, arithmetic,
 * comparisons, `and` / `or` / `in`, conditions, object and array constructors, blocks with `:=`
 * variables, and the functions of jsonata-values.ts ($round, $sum, $number, $string, $substring,
 * $lowercase, $uppercase, $trim, …). It exists for speed: a mapping costs a few property reads
 * instead of a JSONata evaluation and a chain of promises, and a record never waits.
 *
 * Correctness rule: the compiled function either returns exactly what JSONata would, or returns
 * BAIL, and the caller then asks JSONata itself. It follows JSONata's own evaluator step by step
 * (sequences, flattening, singletons, undefined), and bails wherever JSONata would raise an error.
 * Anything it does not know (predicates, wildcards, lambdas, sorting, …) is not compiled at all.
 * The differential test beside this file checks the rule on a corpus and on generated input.
 */
import jsonata from 'jsonata';
import { BAIL, collapse, FUNCTIONS, hasOwn, isFunction, isSeq, lookup, seq, toBoolean, toText } from './jsonata-values';

export { BAIL } from './jsonata-values';
export type Compiled = (input: unknown, bindings: Record<string, unknown> | undefined) => unknown;

/** The variables one block (or the whole expression) binds with `:=`, at run time. */
interface Frame {
  readonly vars: Map<string, unknown>;
  readonly parent: Frame | undefined;
}
interface Ctx {
  readonly root: unknown;
  readonly bindings: Record<string, unknown> | undefined;
  readonly frame: Frame | undefined;
}
type Fn = (input: unknown, ctx: Ctx) => unknown;

interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  expressions?: AstNode[];
  lhs?: AstNode | AstNode[][];
  rhs?: AstNode;
  expression?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  arguments?: AstNode[];
  procedure?: AstNode;
}

class Unsupported extends Error {}

/** AST properties the subset understands; any other (predicates, grouping, focus, …) changes meaning. */
const KNOWN_KEYS = new Set(['type', 'value', 'position', 'steps', 'expressions', 'lhs', 'rhs', 'expression', 'condition', 'then', 'else', 'arguments', 'procedure']);
const RESERVED_KEYS = new Set(['__proto__', '_jsonata_lambda', '_jsonata_function']);

function checkKeys(node: AstNode): void {
  for (const [k, v] of Object.entries(node)) if (v !== undefined && !KNOWN_KEYS.has(k)) throw new Unsupported(k);
}

/** Compile-time scope of a block: whether it binds variables (and so needs a frame when it runs). */
interface Scope {
  binds: boolean;
}

class Compiler {
  private readonly scopes: Scope[] = [{ binds: false }];

  constructor(private readonly boundNames: ReadonlySet<string>) {}

  get rootBinds(): boolean {
    return (this.scopes[0] as Scope).binds;
  }

  node(node: AstNode): Fn {
    checkKeys(node);
    switch (node.type) {
      case 'string':
      case 'number':
      case 'value': {
        const v = node.value;
        return () => v;
      }
      case 'path':
        return this.path(node);
      case 'variable':
        return variable(String(node.value));
      case 'binary':
        return this.binary(node);
      case 'unary':
        return this.unary(node);
      case 'condition':
        return this.condition(node);
      case 'block':
        return this.block(node);
      case 'bind':
        return this.bind(node);
      case 'function':
        return this.call(node);
      default:
        throw new Unsupported(node.type);
    }
  }

  private path(node: AstNode): Fn {
    const steps = node.steps ?? [];
    if (!steps.length) throw new Unsupported('empty path');
    const compiled = steps.map((step) => this.step(step));
    const general = pathOf(compiled, steps[0]?.type === 'variable');
    if (!steps.every((s) => s.type === 'name')) return general;
    // Names only: a property walk, as long as no array is met on the way.
    const names = steps.map((s) => String(s.value));
    return (input, ctx) => {
      let v = input;
      for (const name of names) {
        if (Array.isArray(v)) return general(input, ctx);
        if (v === null || typeof v !== 'object' || !hasOwn(v, name) || isFunction(v)) return undefined;
        v = (v as Record<string, unknown>)[name];
      }
      return v;
    };
  }

  private step(step: AstNode): Fn {
    if (step.type !== 'name') return this.node(step);
    checkKeys(step);
    const name = String(step.value);
    return (item) => collapse(lookup(item, name));
  }

  private binary(node: AstNode): Fn {
    const op = String(node.value);
    const lhs = this.node(node.lhs as AstNode);
    const rhs = this.node(node.rhs as AstNode);
    const arith = ARITH[op];
    if (arith) {
      return (input, ctx) => {
        const a = lhs(input, ctx);
        if (a === BAIL) return BAIL;
        const b = rhs(input, ctx);
        if (b === BAIL) return BAIL;
        // JSONata raises an error for anything but a (finite) number or nothing.
        if ((a !== undefined && !isFiniteNumber(a)) || (b !== undefined && !isFiniteNumber(b))) return BAIL;
        if (a === undefined || b === undefined) return undefined;
        const r = arith(a as number, b as number);
        return Number.isFinite(r) ? r : BAIL;
      };
    }
    switch (op) {
      case '&':
        return (input, ctx) => {
          const a = lhs(input, ctx);
          if (a === BAIL) return BAIL;
          const b = rhs(input, ctx);
          if (b === BAIL) return BAIL;
          const l = toText(a);
          const r = toText(b);
          return l === BAIL || r === BAIL ? BAIL : (l ?? '') + (r ?? '');
        };
      case '=':
      case '!=':
        return (input, ctx) => {
          const a = lhs(input, ctx);
          if (a === BAIL) return BAIL;
          const b = rhs(input, ctx);
          if (b === BAIL) return BAIL;
          if (a === undefined || b === undefined) return false;
          if (!isScalar(a) || !isScalar(b)) return BAIL;
          return op === '=' ? a === b : a !== b;
        };
      case '<':
      case '<=':
      case '>':
      case '>=':
        return (input, ctx) => {
          const a = lhs(input, ctx);
          if (a === BAIL) return BAIL;
          const b = rhs(input, ctx);
          if (b === BAIL) return BAIL;
          const comparable = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number';
          if (!comparable(a) || !comparable(b)) return BAIL;
          if (a === undefined || b === undefined) return undefined;
          if (typeof a !== typeof b) return BAIL;
          const x = a as number;
          const y = b as number;
          return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
        };
      case 'and':
      case 'or':
        return (input, ctx) => {
          const a = lhs(input, ctx);
          if (a === BAIL) return BAIL;
          const l = toBoolean(a);
          if (l === BAIL) return BAIL;
          if (op === 'and' ? !l : l) return op === 'or';
          const b = rhs(input, ctx);
          if (b === BAIL) return BAIL;
          const r = toBoolean(b);
          return r === BAIL ? BAIL : r === true;
        };
      case 'in':
        return (input, ctx) => {
          const a = lhs(input, ctx);
          if (a === BAIL) return BAIL;
          const b = rhs(input, ctx);
          if (b === BAIL) return BAIL;
          if (a === undefined || b === undefined) return false;
          return Array.isArray(b) ? b.includes(a) && !Number.isNaN(a) : b === a;
        };
      default:
        throw new Unsupported(`operator ${op}`);
    }
  }

  private unary(node: AstNode): Fn {
    if (node.value === '-') {
      const inner = this.node(node.expression as AstNode);
      return (input, ctx) => {
        const v = inner(input, ctx);
        if (v === BAIL || v === undefined) return v;
        return isFiniteNumber(v) ? -v : BAIL;
      };
    }
    if (node.value === '[') return this.arrayConstructor(node.expressions ?? []);
    if (node.value === '{') return this.objectConstructor(node.lhs as AstNode[][]);
    throw new Unsupported(`unary ${String(node.value)}`);
  }

  /** `[a, b]`: each item's value, a sequence or array spliced in, a nested `[…]` kept whole. */
  private arrayConstructor(items: AstNode[]): Fn {
    const parts = this.unordered(() => items.map((item) => ({ fn: this.node(item), keepWhole: item.value === '[' })));
    return (input, ctx) => {
      const out: unknown[] = [];
      for (const part of parts) {
        const v = part.fn(input, ctx);
        if (v === BAIL) return BAIL;
        if (v === undefined) continue;
        if (Array.isArray(v) && !part.keepWhole) for (const x of v) out.push(x);
        else out.push(v);
      }
      return out;
    };
  }

  /** `{"key": value, …}` with literal, distinct keys; a key whose value is nothing is left out. */
  private objectConstructor(pairs: AstNode[][]): Fn {
    const seen = new Set<string>();
    const fields = this.unordered(() =>
      pairs.map(([key, value]) => {
        if (key?.type !== 'string' || !value) throw new Unsupported('computed key');
        const name = String(key.value);
        if (seen.has(name) || RESERVED_KEYS.has(name)) throw new Unsupported(`key ${name}`);
        seen.add(name);
        return { name, fn: this.node(value) };
      }),
    );
    return (input, ctx) => {
      let item = input;
      // Over several items JSONata groups them into one object: left to JSONata.
      if (Array.isArray(input)) {
        if (input.length > 1) return BAIL;
        item = input[0];
      }
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const v = f.fn(item, ctx);
        if (v === BAIL) return BAIL;
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    };
  }

  /**
   * JSONata evaluates the items of a constructor concurrently, so a `:=` among them (outside a
   * block of its own) could bind in another order than ours: such expressions are left to it.
   */
  private unordered<T>(compile: () => T): T {
    const scope: Scope = { binds: false };
    this.scopes.push(scope);
    const result = compile();
    this.scopes.pop();
    if (scope.binds) throw new Unsupported('variable bound inside a constructor');
    return result;
  }

  private condition(node: AstNode): Fn {
    const cond = this.node(node.condition as AstNode);
    const then = this.node(node.then as AstNode);
    const otherwise = node.else ? this.node(node.else) : undefined;
    return (input, ctx) => {
      const c = cond(input, ctx);
      if (c === BAIL) return BAIL;
      const t = toBoolean(c);
      if (t === BAIL) return BAIL;
      return t ? then(input, ctx) : otherwise?.(input, ctx);
    };
  }

  /** `(a; b; c)`: the last value; variables bound inside live in the block's own frame. */
  private block(node: AstNode): Fn {
    const scope: Scope = { binds: false };
    this.scopes.push(scope);
    const exprs = (node.expressions ?? []).map((e) => this.node(e));
    this.scopes.pop();
    const run = (input: unknown, ctx: Ctx) => {
      let result: unknown;
      for (const e of exprs) {
        result = e(input, ctx);
        if (result === BAIL) return BAIL;
      }
      return result;
    };
    if (!scope.binds) return run;
    return (input, ctx) => run(input, { root: ctx.root, bindings: ctx.bindings, frame: { vars: new Map(), parent: ctx.frame } });
  }

  private bind(node: AstNode): Fn {
    const target = node.lhs as AstNode;
    if (target?.type !== 'variable') throw new Unsupported('bind');
    const name = String(target.value);
    const rhs = this.node(node.rhs as AstNode);
    (this.scopes[this.scopes.length - 1] as Scope).binds = true;
    return (input, ctx) => {
      const v = rhs(input, ctx);
      if (v !== BAIL) ctx.frame?.vars.set(name, v);
      return v;
    };
  }

  private call(node: AstNode): Fn {
    const proc = node.procedure;
    if (proc?.type !== 'variable') throw new Unsupported('computed function');
    const name = String(proc.value);
    const def = FUNCTIONS[name];
    const args = (node.arguments ?? []).map((a) => this.node(a));
    if (!def || this.boundNames.has(name) || args.length < def.arity[0] || args.length > def.arity[1]) throw new Unsupported(`function ${name}`);
    return (input, ctx) => {
      // A binding of the same name would be called instead of the built-in.
      if (ctx.bindings && hasOwn(ctx.bindings, name)) return BAIL;
      const values: unknown[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const v = (args[i] as Fn)(input, ctx);
        if (v === BAIL) return BAIL;
        values[i] = v;
      }
      return def.fn(values);
    };
  }
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isScalar = (v: unknown) => v === null || typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'boolean';

function variable(name: string): Fn {
  if (name === '') return (input) => input;
  if (name === '$') return (_input, ctx) => ctx.root;
  return (_input, ctx) => {
    for (let f = ctx.frame; f; f = f.parent) if (f.vars.has(name)) return f.vars.get(name);
    // Not bound: a setting, or (when unknown) perhaps a built-in function, which JSONata resolves.
    return ctx.bindings && hasOwn(ctx.bindings, name) ? ctx.bindings[name] : BAIL;
  };
}

/**
 * A path, as JSONata evaluates it: each step runs on every item of the sequence so far, results
 * that are arrays are flattened into the next sequence, except that a last step giving exactly one
 * array (one from the data) gives that array itself. The result is unwrapped as JSONata does.
 */
function pathOf(steps: Fn[], startsWithVariable: boolean): Fn {
  const last = steps.length - 1;
  return (input, ctx) => {
    let items: unknown[] = Array.isArray(input) && !startsWithVariable ? input : [input];
    let result: unknown[] = items;
    for (let i = 0; i <= last; i++) {
      const step = steps[i] as Fn;
      const found: unknown[] = [];
      for (const item of items) {
        const r = step(item, ctx);
        if (r === BAIL) return BAIL;
        if (r !== undefined) found.push(r);
      }
      if (i === last && found.length === 1 && Array.isArray(found[0]) && !isSeq(found[0])) {
        result = found[0];
      } else {
        const flat = seq();
        for (const r of found) {
          if (Array.isArray(r)) for (const x of r) flat.push(x);
          else flat.push(r);
        }
        result = flat;
      }
      if (result.length === 0) break;
      items = result;
    }
    return collapse(result);
  };
}

/** Variable names an expression binds with `:=` anywhere. */
function boundNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) boundNames(n, out);
  else if (node && typeof node === 'object') {
    const n = node as AstNode;
    if (n.type === 'bind' && (n.lhs as AstNode | undefined)?.type === 'variable') out.add(String((n.lhs as AstNode).value));
    for (const v of Object.values(n)) if (v && typeof v === 'object') boundNames(v, out);
  }
  return out;
}

/** The compiled function for an expression, or undefined when it uses more than the subset. */
export function compileJsonata(expr: string): Compiled | undefined {
  const ast = jsonata(expr).ast() as AstNode;
  const compiler = new Compiler(boundNames(ast));
  let fn: Fn;
  try {
    fn = compiler.node(ast);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const rootFrame = compiler.rootBinds;
  return (input, bindings) => {
    // JSONata wraps an array given as the whole input; records are objects, so that is left to it.
    if (Array.isArray(input)) return BAIL;
    return fn(input, { root: input, bindings, frame: rootFrame ? { vars: new Map(), parent: undefined } : undefined });
  };
}
