/**
 * The code generator of the compiled JSONata subset (see jsonata-compile.ts): one JavaScript
 * function per AST node, following JSONata's evaluator; jsonata-link.ts makes a module of them.
 */
import { FUNCTIONS } from './jsonata-functions';

/**
 * What the generated code gets besides its input: the whole input (`$$`), the bindings
 * (`$settings`) and the frame of variables bound with `:=` (one per block that binds, as in JSONata).
 */
export interface Frame {
  readonly vars: Map<string, unknown>;
  readonly parent: Frame | undefined;
}
export interface Ctx {
  root: unknown;
  bindings: Record<string, unknown> | undefined;
  frame: Frame | undefined;
}

export interface AstNode {
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

export class Unsupported extends Error {}

/** AST properties the subset understands; any other (predicates, grouping, focus, …) changes meaning. */
const KNOWN_KEYS = new Set(['type', 'value', 'position', 'steps', 'expressions', 'lhs', 'rhs', 'expression', 'condition', 'then', 'else', 'arguments', 'procedure']);
const RESERVED_KEYS = new Set(['__proto__', '_jsonata_lambda', '_jsonata_function']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const COMPARISONS = new Set(['<', '<=', '>', '>=']);

function checkKeys(node: AstNode): void {
  for (const [k, v] of Object.entries(node)) if (v !== undefined && !KNOWN_KEYS.has(k)) throw new Unsupported(k);
}

/** Compile-time scope of a block: whether it binds variables (and so needs a frame when it runs). */
interface Scope {
  binds: boolean;
}

const str = (s: string) => JSON.stringify(s);
/** Evaluates a generated function into a constant, returning BAIL when it bails. */
const take = (name: string, fn: string, input = 'input', ctx = 'ctx') => `const ${name} = ${fn}(${input}, ${ctx}); if (${name} === BAIL) return BAIL;`;

/**
 * Writes one JavaScript function per AST node, `fN(input, ctx)`, each calling its children by
 * name, so the engine can inline them; the values of literals are passed in, never written
 * into the source, and every name in the source is a JSON string.
 */
export class Generator {
  readonly functions: string[] = [];
  readonly constants: unknown[] = [];
  readonly called = new Set<string>();
  private scopes: Scope[] = [];
  /** Whether the node being generated runs on the record itself (the root), not on an item of it. */
  private atRoot = true;
  /** The memoised function of each shared subexpression made so far. */
  private readonly memoised = new Map<string, string>();

  /**
   * `shared`: subexpressions (`sharedKey`) that run on the record more than once per evaluation
   * (repeatedAtRoot). Their value is kept for the record (`recordNo`, counted by the caller).
   */
  constructor(
    private readonly boundNames: ReadonlySet<string>,
    private readonly shared: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * One expression of the module: the name of its function, and whether it binds variables outside
   * any block (its evaluation then needs a frame of its own, as JSONata gives each one).
   */
  root(ast: AstNode): { fn: string; rootBinds: boolean } {
    const scope: Scope = { binds: false };
    this.scopes = [scope];
    this.atRoot = true;
    return { fn: this.node(ast), rootBinds: scope.binds };
  }

  /** Generates `node` with `atRoot` as given, and restores it. */
  private under<T>(atRoot: boolean, make: () => T): T {
    const was = this.atRoot;
    this.atRoot = atRoot;
    try {
      return make();
    } finally {
      this.atRoot = was;
    }
  }

  private define(lines: string[]): string {
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(input, ctx) {\n  ${lines.join('\n  ')}\n}`);
    return name;
  }

  constant(v: unknown): string {
    this.constants.push(v);
    return `K[${this.constants.length - 1}]`;
  }

  node(node: AstNode): string {
    checkKeys(node);
    if (this.atRoot && this.shared.size && WORTH_KEEPING.has(node.type)) {
      const key = sharedKey(node);
      if (this.shared.has(key)) return this.memoised.get(key) ?? this.memoise(key, this.plain(node));
    }
    return this.plain(node);
  }

  /**
   * The value of a shared subexpression, kept for the record it was evaluated on. Only while it runs
   * on the record itself (the one `recordNo` counts), and only a value that is not an object: an
   * array or object could be changed by whoever gets it first (a sequence is flattened in place).
   */
  private memoise(key: string, fn: string): string {
    const n = this.memoised.size;
    this.functions.push(`let seen${n} = -1, kept${n};`);
    const name = this.define([
      `if (input !== ctx.root) return ${fn}(input, ctx);`,
      `if (seen${n} === recordNo) return kept${n};`,
      `const v = ${fn}(input, ctx);`,
      `if (typeof v !== 'object') { seen${n} = recordNo; kept${n} = v; }`,
      'return v;',
    ]);
    this.memoised.set(key, name);
    return name;
  }

  private plain(node: AstNode): string {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'value':
        return this.define([`return ${this.constant(node.value)};`]);
      case 'path':
        return this.path(node.steps ?? []);
      case 'variable':
        return this.variable(String(node.value));
      case 'binary':
        return this.binary(node);
      case 'unary':
        return this.unary(node);
      case 'condition':
        return this.condition(node);
      case 'block':
        return this.block(node.expressions ?? []);
      case 'bind':
        return this.bind(node);
      case 'function':
        return this.call(node);
      default:
        throw new Unsupported(node.type);
    }
  }

  private variable(name: string): string {
    if (name === '') return this.define(['return input;']);
    if (name === '$') return this.define(['return ctx.root;']);
    return this.define([
      `for (let f = ctx.frame; f !== undefined; f = f.parent) if (f.vars.has(${str(name)})) return f.vars.get(${str(name)});`,
      // Not bound: a setting, or (when unknown) perhaps a built-in function, which JSONata resolves.
      `const b = ctx.bindings;`,
      `return b !== undefined && hasOwn(b, ${str(name)}) ? b[${str(name)}] : BAIL;`,
    ]);
  }

  /**
   * A path, as JSONata evaluates it: each step runs on every item of the sequence so far, results
   * that are arrays are spliced into the next sequence, except that a last step giving exactly one
   * array (one from the data) gives that array itself; the result is unwrapped as JSONata does.
   */
  private path(steps: AstNode[]): string {
    if (!steps.length) throw new Unsupported('empty path');
    const calls = steps.map((step, i) => {
      if (step.type !== 'name') {
        // Only the first step runs on the path's own input.
        const fn = i === 0 ? this.node(step) : this.under(false, () => this.node(step));
        return (item: string) => `${fn}(${item}, ctx)`;
      }
      checkKeys(step);
      return (item: string) => `stepName(${item}, ${str(String(step.value))})`;
    });
    // While the path has met one item at a time (the usual record and its objects) it needs no
    // sequence; from the first array on, the items go through JSONata's sequence rules.
    const lines = [`let one = input, many = ${steps[0]?.type === 'variable' ? 'undefined' : 'Array.isArray(input) ? input : undefined'}, found;`];
    calls.forEach((call, i) => {
      const last = i === calls.length - 1;
      lines.push(
        'if (many === undefined) {',
        `  const r = ${call('one')};`,
        '  if (r === BAIL) return BAIL;',
        '  if (r === undefined) return undefined;',
        last ? '  return isSeq(r) ? collapse(r) : r;' : '  if (Array.isArray(r)) { if (r.length === 0) return undefined; many = r; } else one = r;',
        '} else {',
        '  found = [];',
        `  for (let j = 0; j < many.length; j++) { const r = ${call('many[j]')}; if (r === BAIL) return BAIL; if (r !== undefined) found.push(r); }`,
        last ? '  return collapse(lastStep(found));' : '  many = splice(found); if (many.length === 0) return undefined;',
        '}',
      );
    });
    const general = this.define(lines);
    if (!steps.every((s) => s.type === 'name')) return general;
    // Names only: a property walk, as long as no array is met on the way.
    const walk = ['let v = input;'];
    for (const s of steps) {
      const name = str(String(s.value));
      // isFunction inlined: at each step its own cache, where the one in isFunction sees every kind of object.
      walk.push(`if (Array.isArray(v)) return ${general}(input, ctx);`, `if (v === null || typeof v !== 'object' || !hasOwn(v, ${name}) || v._jsonata_function === true || v._jsonata_lambda === true) return undefined;`, `v = v[${name}];`);
    }
    return this.define([...walk, 'return v;']);
  }

  private binary(node: AstNode): string {
    const op = String(node.value);
    const lhs = this.node(node.lhs as AstNode);
    const rhs = this.node(node.rhs as AstNode);
    const both = [take('a', lhs), take('b', rhs)];
    if (ARITHMETIC.has(op)) {
      return this.define([
        ...both,
        `if (typeof a === 'number' && typeof b === 'number') { if (!Number.isFinite(a) || !Number.isFinite(b)) return BAIL; const r = a ${op} b; return Number.isFinite(r) ? r : BAIL; }`,
        // JSONata raises an error for anything but a (finite) number or nothing.
        `if ((a !== undefined && !isFiniteNumber(a)) || (b !== undefined && !isFiniteNumber(b))) return BAIL;`,
        'return undefined;',
      ]);
    }
    if (op === '&') {
      return this.define([
        ...both,
        `const l = typeof a === 'string' ? a : toText(a); if (l === BAIL) return BAIL;`,
        `const r = typeof b === 'string' ? b : toText(b); if (r === BAIL) return BAIL;`,
        `return (l === undefined ? '' : l) + (r === undefined ? '' : r);`,
      ]);
    }
    if (op === '=' || op === '!=') {
      return this.define([...both, 'if (a === undefined || b === undefined) return false;', 'if (!isScalar(a) || !isScalar(b)) return BAIL;', `return a ${op === '=' ? '===' : '!=='} b;`]);
    }
    if (COMPARISONS.has(op)) {
      return this.define([
        ...both,
        `if (!(a === undefined || typeof a === 'string' || typeof a === 'number') || !(b === undefined || typeof b === 'string' || typeof b === 'number')) return BAIL;`,
        'if (a === undefined || b === undefined) return undefined;',
        'if (typeof a !== typeof b) return BAIL;',
        `return a ${op} b;`,
      ]);
    }
    if (op === 'and' || op === 'or') {
      return this.define([
        take('a', lhs),
        'const l = toBoolean(a); if (l === BAIL) return BAIL;',
        op === 'and' ? 'if (!l) return false;' : 'if (l) return true;',
        take('b', rhs),
        'const r = toBoolean(b);',
        'return r === BAIL ? BAIL : r === true;',
      ]);
    }
    if (op === 'in') {
      return this.define([...both, 'if (a === undefined || b === undefined) return false;', 'return Array.isArray(b) ? b.includes(a) && !Number.isNaN(a) : b === a;']);
    }
    throw new Unsupported(`operator ${op}`);
  }

  private unary(node: AstNode): string {
    if (node.value === '-') {
      const inner = this.node(node.expression as AstNode);
      return this.define([`const v = ${inner}(input, ctx);`, 'if (v === BAIL || v === undefined) return v;', 'return isFiniteNumber(v) ? -v : BAIL;']);
    }
    if (node.value === '[') return this.arrayConstructor(node.expressions ?? []);
    if (node.value === '{') return this.objectConstructor(node.lhs as AstNode[][]);
    throw new Unsupported(`unary ${String(node.value)}`);
  }

  /** `[a, b]`: each item's value, a sequence or array spliced in, a nested `[…]` kept whole. */
  private arrayConstructor(items: AstNode[]): string {
    const parts = this.unordered(() => items.map((item) => ({ fn: this.node(item), keepWhole: item.value === '[' })));
    const lines = ['const out = [];'];
    parts.forEach((part, i) => {
      const add = part.keepWhole ? `out.push(v${i});` : `if (Array.isArray(v${i})) { for (const x of v${i}) out.push(x); } else out.push(v${i});`;
      lines.push(take(`v${i}`, part.fn), `if (v${i} !== undefined) { ${add} }`);
    });
    return this.define([...lines, 'return out;']);
  }

  /** `{"key": value, …}` with literal, distinct keys; a key whose value is nothing is left out. */
  private objectConstructor(pairs: AstNode[][]): string {
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
    const lines = [
      'let item = input;',
      // Over several items JSONata groups them into one object: left to JSONata.
      'if (Array.isArray(input)) { if (input.length > 1) return BAIL; item = input[0]; }',
    ];
    fields.forEach((f, i) => lines.push(take(`v${i}`, f.fn, 'item')));
    // All keys present (the usual case): the object in one piece, not grown key by key.
    if (fields.length) lines.push(`if (${fields.map((_, i) => `v${i} !== undefined`).join(' && ')}) return { ${fields.map((f, i) => `${str(f.name)}: v${i}`).join(', ')} };`);
    lines.push('const out = {};');
    fields.forEach((f, i) => lines.push(`if (v${i} !== undefined) out[${str(f.name)}] = v${i};`));
    return this.define([...lines, 'return out;']);
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

  private condition(node: AstNode): string {
    const cond = this.node(node.condition as AstNode);
    const then = this.node(node.then as AstNode);
    const otherwise = node.else ? this.node(node.else) : undefined;
    return this.define([take('c', cond), 'const t = toBoolean(c); if (t === BAIL) return BAIL;', `return t ? ${then}(input, ctx) : ${otherwise ? `${otherwise}(input, ctx)` : 'undefined'};`]);
  }

  /** `(a; b; c)`: the last value; variables bound inside live in the block's own frame. */
  private block(expressions: AstNode[]): string {
    const scope: Scope = { binds: false };
    this.scopes.push(scope);
    const exprs = expressions.map((e) => this.node(e));
    this.scopes.pop();
    const lines = scope.binds ? ['const inner = { root: ctx.root, bindings: ctx.bindings, frame: { vars: new Map(), parent: ctx.frame } };'] : ['const inner = ctx;'];
    exprs.forEach((e, i) => lines.push(i === exprs.length - 1 ? `return ${e}(input, inner);` : take(`r${i}`, e, 'input', 'inner')));
    if (!exprs.length) lines.push('return undefined;');
    return this.define(lines);
  }

  private bind(node: AstNode): string {
    const target = node.lhs as AstNode;
    if (target?.type !== 'variable') throw new Unsupported('bind');
    const rhs = this.node(node.rhs as AstNode);
    (this.scopes[this.scopes.length - 1] as Scope).binds = true;
    return this.define([`const v = ${rhs}(input, ctx);`, `if (v !== BAIL) ctx.frame.vars.set(${str(String(target.value))}, v);`, 'return v;']);
  }

  private call(node: AstNode): string {
    const proc = node.procedure;
    if (proc?.type !== 'variable') throw new Unsupported('computed function');
    const name = String(proc.value);
    const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    const args = (node.arguments ?? []).map((a) => this.node(a));
    if (!def || this.boundNames.has(name) || args.length < def.arity[0] || args.length > def.arity[1]) throw new Unsupported(`function ${name}`);
    this.called.add(name);
    // JSONata takes data shaped like one of its functions for a function, and raises an error.
    const notFunction = (v: string) => `if (${v} !== null && typeof ${v} === 'object' && (${v}._jsonata_function === true || ${v}._jsonata_lambda === true)) return BAIL;`;
    return this.define([...args.flatMap((a, i) => [take(`a${i}`, a), notFunction(`a${i}`)]), `return F_${name}(${args.map((_, i) => `a${i}`).join(', ')});`]);
  }
}

export { str };

/** A subexpression as text, wherever it stands in the expression (for `shared`). */
export function sharedKey(node: AstNode): string {
  return JSON.stringify(node, (k, v: unknown) => (k === 'position' ? undefined : v));
}

/** Kinds of subexpression worth keeping the value of: a call, an operator, a path of more than a name. */
const WORTH_KEEPING = new Set(['function', 'binary', 'path', 'condition', 'block']);

/**
 * The subexpressions that these expressions (a datamapper's fields) evaluate on the record itself
 * more than once, as `sharedKey`s: W1-mapping's fields sum the order's lines three times. One that
 * reads a variable (bound with `:=`, or a setting) is left out: its value depends on where it runs.
 */
export function repeatedAtRoot(asts: readonly AstNode[]): Set<string> {
  const counts = new Map<string, number>();
  const visit = (node: AstNode, atRoot: boolean): boolean => {
    let pure = true;
    const child = (v: unknown, root: boolean) => {
      if (Array.isArray(v)) for (const x of v) child(x, root);
      else if (v && typeof v === 'object') pure = visit(v as AstNode, root) && pure;
    };
    for (const [k, v] of Object.entries(node)) {
      if (k === 'position' || k === 'procedure') continue;
      // A path's steps after the first run on the items the step before found.
      if (k === 'steps' && Array.isArray(v)) v.forEach((step, i) => child(step, atRoot && i === 0));
      else child(v, atRoot);
    }
    if (node.type === 'variable' && node.value !== '') pure = false;
    if (node.type === 'bind') pure = false;
    const worth = WORTH_KEEPING.has(node.type) && !(node.type === 'path' && (node.steps ?? []).every((s) => s.type === 'name') && (node.steps ?? []).length < 2);
    if (atRoot && pure && worth) {
      const key = sharedKey(node);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return pure;
  };
  for (const ast of asts) visit(ast, true);
  return new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k));
}
