import type { Expr } from './expr';

// Binding strength: sums bind loosest, then products, unary minus, powers, atoms.
const enum Prec {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 4,
  Atom = 5,
}

/** Formats a number as mathjs reads it back exactly (shortest round-trip form). */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}

interface Printed {
  text: string;
  prec: Prec;
}

/** Largest expression tree (shared nodes counted once per use) printed in full; past it printing is exponential. */
export const MAX_PRINTED_NODES = 20_000;

/** Nodes of `e` as a tree, with shared subexpressions counted once per use (linear in the DAG). */
export function treeSize(e: Expr, memo = new Map<number, number>()): number {
  const hit = memo.get(e.id);
  if (hit !== undefined) return hit;
  let n = 1;
  if (e.kind === 'add' || e.kind === 'mul' || e.kind === 'pow' || e.kind === 'call')
    for (const a of e.args) n += treeSize(a, memo);
  memo.set(e.id, n);
  return n;
}

/** What is printed instead of an expression with more than MAX_PRINTED_NODES nodes (its value is still computed). */
export function tooLargeText(size: number): string {
  return `too large to print: ${Number.isSafeInteger(size) ? size : size.toPrecision(3)} nodes`;
}

/** Splits a product into its sign, numeric coefficient, numerator and denominator factors (for a/b output). */
export function splitProduct(e: Expr): {
  negative: boolean;
  coefficient: number;
  num: Expr[];
  den: Array<{ base: Expr; exponent: number | Expr }>;
} {
  const factors = e.kind === 'mul' ? e.args : [e];
  let coefficient = 1;
  const num: Expr[] = [];
  const den: Array<{ base: Expr; exponent: number | Expr }> = [];
  for (const f of factors) {
    if (f.kind === 'num') coefficient *= f.value;
    else if (f.kind === 'pow' && f.args[1].kind === 'num' && f.args[1].value < 0)
      den.push({ base: f.args[0], exponent: -f.args[1].value });
    else num.push(f);
  }
  return { negative: coefficient < 0, coefficient: Math.abs(coefficient), num, den };
}

/** A sum of printed terms (text or TeX): a positive term first when there is one (`1 - tanh(a)^2`, not
 *  `-tanh(a)^2 + 1`), later negative terms as ` - x`. */
export function joinSum(terms: Array<{ s: string; negative: boolean }>): string {
  const lead = terms.findIndex((t) => !t.negative);
  if (lead > 0) terms.unshift(...terms.splice(lead, 1));
  return terms.map((t, i) => (i === 0 ? t.s : t.negative ? ` - ${t.s.slice(1)}` : ` + ${t.s}`)).join('');
}

/** Prints an expression in mathjs syntax (parameters by their display names, e.g. `w[1]`, `U[1,2]`). */
export function printText(e: Expr, names: readonly string[]): string {
  const size = treeSize(e);
  if (size > MAX_PRINTED_NODES) return `<${tooLargeText(size)}>`;
  const wrap = (p: Printed, min: Prec): string => (p.prec < min ? `(${p.text})` : p.text);

  const powText = (base: Expr, exponent: number | Expr): Printed => {
    if (typeof exponent === 'number') {
      if (exponent === 1) return go(base);
      if (exponent === 0.5) return { text: `sqrt(${go(base).text})`, prec: Prec.Atom };
      return { text: `${wrap(go(base), Prec.Atom)} ^ ${formatNumber(exponent)}`, prec: Prec.Power };
    }
    return { text: `${wrap(go(base), Prec.Atom)} ^ ${wrap(go(exponent), Prec.Atom)}`, prec: Prec.Power };
  };

  const product = (e: Expr): Printed => {
    const { negative, coefficient, num, den } = splitProduct(e);
    const parts: string[] = [];
    if (coefficient !== 1 || num.length === 0) parts.push(formatNumber(coefficient));
    for (const f of num) parts.push(wrap(go(f), Prec.Product + 0.5));
    let text = parts.join(' * ');
    if (den.length > 0) {
      const d = den.map((x) => powText(x.base, x.exponent));
      const dText =
        d.length === 1 ? wrap(d[0], Prec.Power) : `(${d.map((x) => wrap(x, Prec.Product + 0.5)).join(' * ')})`;
      text = `${wrap({ text, prec: Prec.Product }, Prec.Product)} / ${dText}`;
    }
    return negative
      ? { text: `-${wrap({ text, prec: Prec.Product }, Prec.Product)}`, prec: Prec.Unary }
      : { text, prec: Prec.Product };
  };

  const go = (e: Expr): Printed => {
    switch (e.kind) {
      case 'num':
        return e.value < 0
          ? { text: formatNumber(e.value), prec: Prec.Unary }
          : { text: formatNumber(e.value), prec: Prec.Atom };
      case 'const':
        return { text: e.name, prec: Prec.Atom };
      case 'var':
        return { text: names[e.index], prec: Prec.Atom };
      case 'call':
        return { text: `${e.fn}(${go(e.args[0]).text})`, prec: Prec.Atom };
      case 'pow': {
        const x = e.args[1];
        if (x.kind === 'num' && x.value < 0) return product(e);
        return powText(e.args[0], x.kind === 'num' ? x.value : x);
      }
      case 'mul':
        return product(e);
      case 'add':
        return {
          text: joinSum(
            e.args.map(go).map((p) => ({ s: p.text, negative: p.text.startsWith('-') && p.prec === Prec.Unary })),
          ),
          prec: Prec.Sum,
        };
    }
  };
  return go(e).text;
}
