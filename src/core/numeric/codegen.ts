import type { Expr } from '../symbolic/expr';
import { callText, literal } from './exprText';
import { familyLoop, findFamilies, type Family } from './families';

/** Where a generated program writes each root: `theta` entry or `J` entry (offset within one point's J slot). */
export interface Root {
  expr: Expr;
  target: 'theta' | 'J';
  offset: number;
}

/** A compiled batch program: (W, n, theta, J) over point-major Float64Arrays. */
export type BatchProgram = (W: Float64Array, n: number, theta: Float64Array | null, J: Float64Array | null) => void;

// V8 tiers long functions up late or not at all (a 3,000-statement body ran 7x slower; at 150 statements a 4 x 16 tanh
// Jacobian took 13 µs a point against 1.9 µs at 50): keep chunks short.
const CHUNK_STATEMENTS = 50;
const BLOCK = 256;
/** Programs with at least this many roots look for families among them (a width-m model's m copies of an entry). */
const LOOP_ROOTS = 8192;
/** Sums of at least this many terms are computed by loops over their families and short partial sums. */
const LONG_SUM = 1024;
const FAMILY_MIN = 16;
const SUM_CHUNK = 64;

/**
 * Generates one batch program for a set of roots: every node shared by several roots (or used twice) is
 * computed once per point, structural zeros are never visited, and the statements are split into functions of
 * at most ~150 statements that each loop over a block of points, passing shared temporaries through a scratch
 * array. Only numbers and parameter offsets reach the generated source, never user text. Each point's J takes
 * `jStride` entries (q*p for the dense matrix, the number of structural non-zeros for the compact layout); slots no
 * root writes are zeroed first.
 */
export function generateProgram(roots: readonly Root[], p: number, q: number, jStride = q * p): BatchProgram {
  // Index tables of the loops (parameter slots and write offsets), passed to every generated function as `tab`.
  const tables: Int32Array[] = [];
  const table = (t: Int32Array): number => tables.push(t) - 1;
  // A large program's roots that are copies of one template (up to their parameters) are written by one loop each.
  const rootLoops: string[] = [];
  let written: readonly Root[] = roots;
  if (roots.length >= LOOP_ROOTS) {
    const loose: Root[] = [];
    for (const target of ['theta', 'J'] as const) {
      const mine = roots.filter((r) => r.target === target);
      const { families, rest } = findFamilies(
        mine.map((r) => r.expr),
        FAMILY_MIN,
      );
      for (const f of families) {
        const offsets = Int32Array.from(f.members, (i) => mine[i].offset);
        const write = target === 'theta' ? 'th[to + O_[r_]] = v_;' : 'J[jo + O_[r_]] = v_;';
        const loop = familyLoop(f, table(f.vars), write, table(offsets));
        rootLoops.push(`if (${target === 'theta' ? 'th' : 'J'} !== null) ${loop}`);
      }
      for (const i of rest) loose.push(mine[i]);
    }
    written = loose;
  }
  // Long sums: their terms' families (found once per sum); only the other terms are nodes of the DAG below.
  const longSums = new Map<number, { families: Family[]; rest: Expr[] }>();
  const termsOf = (e: Expr): readonly Expr[] => {
    if (e.kind !== 'add' || e.args.length < LONG_SUM) return 'args' in e ? e.args : [];
    let hit = longSums.get(e.id);
    if (!hit) {
      const { families, rest } = findFamilies(e.args, FAMILY_MIN);
      hit = { families, rest: rest.map((i) => e.args[i]) };
      longSums.set(e.id, hit);
    }
    return hit.rest;
  };
  // Count uses over the DAG reachable from the roots, then order nodes so that children come first.
  const uses = new Map<number, number>();
  const order: Expr[] = [];
  const stack: Array<[Expr, boolean]> = written.map((r) => [r.expr, false]);
  const seen = new Set<number>();
  for (const r of written) uses.set(r.expr.id, (uses.get(r.expr.id) ?? 0) + 1);
  while (stack.length) {
    const [e, done] = stack.pop()!;
    if (done) {
      order.push(e);
      continue;
    }
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    stack.push([e, true]);
    for (const a of termsOf(e)) {
      uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
      if (!seen.has(a.id)) stack.push([a, false]);
    }
  }
  const isLeaf = (e: Expr): boolean => e.kind === 'num' || e.kind === 'const' || e.kind === 'var';
  const rootIds = new Set(written.map((r) => r.expr.id));
  const temps = order.filter(
    (e) => !isLeaf(e) && ((uses.get(e.id) ?? 0) > 1 || rootIds.has(e.id) || longSums.has(e.id)),
  );
  const tempIndex = new Map<number, number>();
  temps.forEach((e, i) => tempIndex.set(e.id, i));

  // Expression text of a node, inlining single-use interior nodes.
  const text = (e: Expr, top = false): string => {
    if (!top && tempIndex.has(e.id)) return `t${tempIndex.get(e.id)}`;
    switch (e.kind) {
      case 'num':
        return literal(e.value);
      case 'const':
        return literal(e.value);
      case 'var':
        return `x${e.index}`;
      case 'add':
        return `(${e.args.map((a) => text(a)).join(' + ')})`;
      case 'mul':
        return `(${e.args.map((a) => text(a)).join(' * ')})`;
      case 'call':
        return callText(e.fn, text(e.args[0]));
      case 'pow': {
        const b = text(e.args[0]);
        const x = e.args[1];
        if (x.kind === 'num') {
          if (x.value === 2) return `(${b} * ${b})`;
          if (x.value === 3) return `(${b} * ${b} * ${b})`;
          if (x.value === -1) return `(1 / ${b})`;
          if (x.value === -2) return `(1 / (${b} * ${b}))`;
          if (x.value === 0.5) return `Math.sqrt(${b})`;
          if (x.value === -0.5) return `(1 / Math.sqrt(${b}))`;
        }
        return `Math.pow(${b}, ${text(x)})`;
      }
    }
  };

  // Statements: each temp once, then each root written to its target.
  interface Stmt {
    defines?: number;
    code: string;
    reads: number[];
  }
  const readsOf = (code: string): number[] => [...code.matchAll(/\bt(\d+)\b/g)].map((m) => Number(m[1]));
  // A long sum: a loop per family of its terms, then the other terms in short partial sums (a single expression of
  // thousands of terms overflows V8's parser stack).
  const longSum = (i: number, sum: { families: Family[]; rest: Expr[] }): string => {
    const parts = sum.families.map((f) => familyLoop(f, table(f.vars), 'acc_ += v_;'));
    for (let k = 0; k < sum.rest.length; k += SUM_CHUNK)
      parts.push(
        `acc_ += ${sum.rest
          .slice(k, k + SUM_CHUNK)
          .map((a) => text(a))
          .join(' + ')};`,
      );
    return `{ let acc_ = 0; ${parts.join(' ')} t${i} = acc_; }`;
  };
  const stmts: Stmt[] = temps.map((e, i) => {
    const sum = longSums.get(e.id);
    const code = sum ? longSum(i, sum) : `t${i} = ${text(e, true)};`;
    return { defines: i, code, reads: readsOf(code) };
  });
  stmts.push(...rootLoops.map((code) => ({ code, reads: [] })));
  for (const r of written) {
    const v = text(r.expr);
    const code =
      r.target === 'theta'
        ? `if (th !== null) th[to + ${r.offset}] = ${v};`
        : `if (J !== null) J[jo + ${r.offset}] = ${v};`;
    stmts.push({ code, reads: readsOf(v) });
  }

  const chunks: Stmt[][] = [];
  for (let i = 0; i < stmts.length; i += CHUNK_STATEMENTS) chunks.push(stmts.slice(i, i + CHUNK_STATEMENTS));
  const chunkOf = new Map<number, number>();
  chunks.forEach((c, ci) =>
    c.forEach((s) => {
      if (s.defines !== undefined) chunkOf.set(s.defines, ci);
    }),
  );
  // Temps read in a later chunk travel through the scratch array.
  const shared = new Map<number, number>();
  chunks.forEach((c, ci) =>
    c.forEach((s) =>
      s.reads.forEach((t) => {
        if (chunkOf.get(t) !== ci && !shared.has(t)) shared.set(t, shared.size);
      }),
    ),
  );
  const S = Math.max(1, shared.size);

  const fns = chunks.map((c, ci) => {
    const defined = c.filter((s) => s.defines !== undefined).map((s) => s.defines!);
    const loads = [...new Set(c.flatMap((s) => s.reads))].filter((t) => chunkOf.get(t) !== ci);
    const body = [
      ...loads.map((t) => `const t${t} = s[i * ${S} + ${shared.get(t)}];`),
      ...(defined.length ? [`let ${defined.map((t) => `t${t}`).join(', ')};`] : []),
      ...c.map((s) => s.code),
      ...defined.filter((t) => shared.has(t)).map((t) => `s[i * ${S} + ${shared.get(t)}] = t${t};`),
    ].join('\n    ');
    // Parameters are read once per point into locals (a deep-linear v[i] feeds d entries of J).
    const vars = [...new Set(c.flatMap((st) => [...st.code.matchAll(/\bx(\d+)\b/g)].map((m) => Number(m[1]))))].sort(
      (a, b) => a - b,
    );
    const src =
      `"use strict";\nfor (let i = 0; i < nb; i++) {\n    const pt = b0 + i, o = pt * ${p}, to = pt * ${q}, jo = pt * ${jStride};\n    ` +
      `${vars.map((v) => `const x${v} = x[o + ${v}];`).join('\n    ')}\n    ${body}\n}`;
    // One generated function per model and use (compile once, evaluate many); never in the webview, whose CSP has
    // no unsafe-eval.
    return new Function('x', 'b0', 'nb', 's', 'th', 'J', 'sp', 'tab', src) as (
      x: Float64Array,
      b0: number,
      nb: number,
      s: Float64Array,
      th: Float64Array | null,
      J: Float64Array | null,
      sp: (a: number) => number,
      tab: Int32Array[],
    ) => void;
  });

  const softplus = (a: number): number => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));
  const scratch = new Float64Array(BLOCK * S);
  const jSlots = new Set(roots.filter((r) => r.target === 'J').map((r) => r.offset)).size;
  return (W, n, theta, J) => {
    if (J && jSlots < jStride) J.fill(0, 0, n * jStride);
    for (let b0 = 0; b0 < n; b0 += BLOCK) {
      const nb = Math.min(BLOCK, n - b0);
      for (const f of fns) f(W, b0, nb, scratch, theta, J, softplus, tables);
    }
  };
}

/**
 * Straight-line source for the values of `exprs` at one point, for generated loops that are not batch programs (a
 * fused training step): `statements` define the shared temporaries `${prefix}0, ...` (declared with const), `values`
 * holds one JS expression per root. Variable k reads as `varName(k)`; softplus calls `sp`. As in generateProgram,
 * only numbers and indices reach the source, never user text.
 */
export function straightLineSource(
  exprs: readonly Expr[],
  varName: (index: number) => string,
  prefix = 'u',
): { statements: string[]; values: string[] } {
  const uses = new Map<number, number>();
  const order: Expr[] = [];
  const seen = new Set<number>();
  const stack: Array<[Expr, boolean]> = exprs.map((e) => [e, false]);
  for (const e of exprs) uses.set(e.id, (uses.get(e.id) ?? 0) + 1);
  while (stack.length) {
    const [e, done] = stack.pop()!;
    if (done) {
      order.push(e);
      continue;
    }
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    stack.push([e, true]);
    if (e.kind === 'add' || e.kind === 'mul' || e.kind === 'pow' || e.kind === 'call')
      for (const a of e.args) {
        uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
        if (!seen.has(a.id)) stack.push([a, false]);
      }
  }
  const temp = new Map<number, number>();
  const statements: string[] = [];
  const text = (e: Expr, top = false): string => {
    if (!top && temp.has(e.id)) return `${prefix}${temp.get(e.id)}`;
    switch (e.kind) {
      case 'num':
      case 'const':
        return literal(e.value);
      case 'var':
        return varName(e.index);
      case 'add':
        return `(${e.args.map((a) => text(a)).join(' + ')})`;
      case 'mul':
        return `(${e.args.map((a) => text(a)).join(' * ')})`;
      case 'call':
        return callText(e.fn, text(e.args[0]));
      case 'pow': {
        const b = text(e.args[0]),
          x = e.args[1];
        if (x.kind === 'num' && x.value === 2) return `(${b} * ${b})`;
        if (x.kind === 'num' && x.value === -1) return `(1 / ${b})`;
        if (x.kind === 'num' && x.value === 0.5) return `Math.sqrt(${b})`;
        return `Math.pow(${b}, ${text(x)})`;
      }
    }
  };
  for (const e of order) {
    if (e.kind === 'num' || e.kind === 'const' || e.kind === 'var' || (uses.get(e.id) ?? 0) < 2) continue;
    statements.push(`const ${prefix}${temp.size} = ${text(e, true)};`);
    temp.set(e.id, temp.size);
  }
  return { statements, values: exprs.map((e) => text(e)) };
}
