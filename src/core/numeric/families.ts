// Families of expressions equal up to a renaming of their parameters: the m neurons of a width-m model give m copies
// of one term, v_i tanh(w_i x_k), and m copies of each Jacobian entry. Generated code loops over a family with a
// table of parameter indices instead of writing each copy as its own statement, so the program's size (and the time
// to generate and compile it) no longer grows with m.
import type { Expr } from '../symbolic/expr';
import { callText, literal } from './exprText';

/** One expression as a template: its code over slots `a_0, a_1, …` (first-occurrence order) and the slots' parameters. */
export interface Template {
  body: string;
  vars: number[];
}

/** Largest tree (in nodes) turned into a template; larger expressions are written out as before. */
const TEMPLATE_NODES = 48;

/**
 * The template of `e`, or null when its tree has more than TEMPLATE_NODES nodes. Two expressions with the same body
 * compute the same function of their slot parameters (numbers stay literal), so they can share one loop.
 */
export function templateOf(e: Expr): Template | null {
  const vars: number[] = [];
  const slot = new Map<number, number>();
  let budget = TEMPLATE_NODES;
  const go = (x: Expr): string | null => {
    if (--budget < 0) return null;
    switch (x.kind) {
      case 'num':
      case 'const':
        return literal(x.value);
      case 'var': {
        let k = slot.get(x.index);
        if (k === undefined) {
          k = vars.length;
          slot.set(x.index, k);
          vars.push(x.index);
        }
        return `a_${k}`;
      }
      case 'add':
      case 'mul': {
        const parts: string[] = [];
        for (const a of x.args) {
          const t = go(a);
          if (t === null) return null;
          parts.push(t);
        }
        return `(${parts.join(x.kind === 'add' ? ' + ' : ' * ')})`;
      }
      case 'call': {
        const t = go(x.args[0]);
        return t === null ? null : callText(x.fn, t);
      }
      case 'pow': {
        const b = go(x.args[0]);
        if (b === null) return null;
        const p = x.args[1];
        if (p.kind === 'num') {
          if (p.value === 2) return `(${b} * ${b})`;
          if (p.value === -1) return `(1 / ${b})`;
          if (p.value === 0.5) return `Math.sqrt(${b})`;
          if (p.value === -0.5) return `(1 / Math.sqrt(${b}))`;
        }
        const t = go(p);
        return t === null ? null : `Math.pow(${b}, ${t})`;
      }
    }
  };
  const body = go(e);
  return body === null ? null : { body, vars };
}

/** A family: the members' positions in the list it was found in, their template body and parameter table. */
export interface Family {
  body: string;
  /** Slots per member. */
  width: number;
  members: Int32Array;
  /** Member r's slot k is parameter vars[r * width + k]. */
  vars: Int32Array;
}

/**
 * Groups `exprs` into families of at least `minSize` members with one template; returns them and the positions left
 * out (no template, or too few copies), in their original order.
 */
export function findFamilies(exprs: readonly Expr[], minSize: number): { families: Family[]; rest: number[] } {
  const groups = new Map<string, { width: number; members: number[]; vars: number[] }>();
  const rest: number[] = [];
  exprs.forEach((e, i) => {
    const t = e.kind === 'num' || e.kind === 'var' ? null : templateOf(e);
    if (!t) {
      rest.push(i);
      return;
    }
    let g = groups.get(t.body);
    if (!g) groups.set(t.body, (g = { width: t.vars.length, members: [], vars: [] }));
    g.members.push(i);
    for (const v of t.vars) g.vars.push(v);
  });
  const families: Family[] = [];
  for (const [body, g] of groups) {
    if (g.members.length < minSize) rest.push(...g.members);
    else families.push({ body, width: g.width, members: Int32Array.from(g.members), vars: Int32Array.from(g.vars) });
  }
  rest.sort((a, b) => a - b);
  return { families, rest };
}

/**
 * The loop over one family inside a batch program's point loop (`x` the points, `o` the point's offset): `tables` is
 * the generated function's table argument, `table` the index of this family's parameter table in it, and `target`
 * receives each member's value as `v_` with its member number `r_` (e.g. `acc_ += v_;`); with `offsets`, that table
 * is `O_` (where each member is written).
 */
export function familyLoop(f: Family, table: number, target: string, offsets?: number): string {
  const w = f.width;
  const o = offsets === undefined ? '' : ` const O_ = tab[${offsets}];`;
  const loads = Array.from({ length: w }, (_, k) => `a_${k} = x[o + V_[b_${k ? ` + ${k}` : ''}]]`).join(', ');
  return (
    `{ const V_ = tab[${table}];${o} for (let r_ = 0, b_ = 0; r_ < ${f.members.length}; r_++, b_ += ${w}) {` +
    `${w ? ` const ${loads};` : ''} const v_ = ${f.body}; ${target} } }`
  );
}
