import type { Expr } from './expr';
import { formatNumber, joinSum, MAX_PRINTED_NODES, splitProduct, tooLargeText, treeSize } from './printText';

const GREEK: Record<string, string> = {
  α: '\\alpha',
  β: '\\beta',
  γ: '\\gamma',
  δ: '\\delta',
  ε: '\\varepsilon',
  ζ: '\\zeta',
  η: '\\eta',
  θ: '\\theta',
  ι: '\\iota',
  κ: '\\kappa',
  λ: '\\lambda',
  μ: '\\mu',
  ν: '\\nu',
  ξ: '\\xi',
  π: '\\pi',
  ρ: '\\rho',
  σ: '\\sigma',
  τ: '\\tau',
  υ: '\\upsilon',
  φ: '\\varphi',
  ϕ: '\\phi',
  χ: '\\chi',
  ψ: '\\psi',
  ω: '\\omega',
  Γ: '\\Gamma',
  Δ: '\\Delta',
  Θ: '\\Theta',
  Λ: '\\Lambda',
  Ξ: '\\Xi',
  Π: '\\Pi',
  Σ: '\\Sigma',
  Φ: '\\Phi',
  Ψ: '\\Psi',
  Ω: '\\Omega',
};

function texWord(word: string): string {
  let out = '';
  for (const ch of word) out += GREEK[ch] ? `${GREEK[ch]} ` : /[A-Za-z0-9]/.test(ch) ? ch : `\\text{${ch}}`;
  out = out.trim();
  return [...word].length > 1 && !/^[A-Za-z]\d*$/.test(word) && !Object.keys(GREEK).some((g) => word.includes(g))
    ? `\\mathrm{${out}}`
    : out;
}

/** A parameter or output name as TeX: `w[1]` -> `w_{1}`, `U[1,2]` -> `U_{1,2}`, `θ_i` -> `\theta_{i}`, `w1` -> `w_{1}`. */
export function texName(name: string): string {
  const indexed = /^(.+?)\[([\d,\s]+)\]$/.exec(name);
  if (indexed) return `${texName(indexed[1])}_{${indexed[2].replace(/\s/g, '')}}`;
  const under = /^(.+?)_(.+)$/.exec(name);
  if (under) return `${texWord(under[1])}_{${texWord(under[2])}}`;
  const digits = /^(\D+?)(\d+)$/.exec(name);
  if (digits) return `${texWord(digits[1])}_{${digits[2]}}`;
  return texWord(name);
}

const FN_TEX: Record<string, string> = {
  sin: '\\sin',
  cos: '\\cos',
  tan: '\\tan',
  asin: '\\arcsin',
  acos: '\\arccos',
  atan: '\\arctan',
  sinh: '\\sinh',
  cosh: '\\cosh',
  tanh: '\\tanh',
  exp: '\\exp',
  log: '\\log',
  sign: '\\operatorname{sign}',
  sigmoid: '\\sigma',
  relu: '\\operatorname{relu}',
  softplus: '\\operatorname{softplus}',
  heaviside: '\\operatorname{H}',
};

const enum Prec {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 4,
  Atom = 5,
}
interface Printed {
  tex: string;
  prec: Prec;
}

/** Prints an expression as TeX (fractions, \cdot products, Greek names). */
export function printTex(e: Expr, names: readonly string[]): string {
  const size = treeSize(e);
  if (size > MAX_PRINTED_NODES) return `\\text{${tooLargeText(size)}}`;
  const paren = (p: Printed, min: Prec): string => (p.prec < min ? `\\left(${p.tex}\\right)` : p.tex);
  const pow = (base: Expr, exponent: number | Expr): Printed => {
    if (exponent === 1) return go(base);
    if (exponent === 0.5) return { tex: `\\sqrt{${go(base).tex}}`, prec: Prec.Atom };
    const x = typeof exponent === 'number' ? formatNumber(exponent) : go(exponent).tex;
    return { tex: `${paren(go(base), Prec.Atom)}^{${x}}`, prec: Prec.Power };
  };
  const product = (e: Expr): Printed => {
    const { negative, coefficient, num, den } = splitProduct(e);
    const parts: string[] = [];
    if (coefficient !== 1 || num.length === 0) parts.push(formatNumber(coefficient));
    for (const f of num) parts.push(paren(go(f), Prec.Product + 0.5));
    let tex = parts.join(' \\cdot ');
    if (den.length > 0)
      tex = `\\frac{${tex}}{${den.map((d) => paren(pow(d.base, d.exponent), Prec.Product + 0.5)).join(' \\cdot ')}}`;
    return negative ? { tex: `-${tex}`, prec: Prec.Unary } : { tex, prec: den.length > 0 ? Prec.Atom : Prec.Product };
  };
  const go = (e: Expr): Printed => {
    switch (e.kind) {
      case 'num':
        return {
          tex: formatNumber(e.value).replace('Infinity', '\\infty'),
          prec: e.value < 0 ? Prec.Unary : Prec.Atom,
        };
      case 'const':
        return { tex: e.name === 'pi' ? '\\pi' : 'e', prec: Prec.Atom };
      case 'var':
        return { tex: texName(names[e.index]), prec: Prec.Atom };
      case 'call': {
        const a = go(e.args[0]).tex;
        if (e.fn === 'abs') return { tex: `\\left|${a}\\right|`, prec: Prec.Atom };
        return { tex: `${FN_TEX[e.fn]}\\left(${a}\\right)`, prec: Prec.Atom };
      }
      case 'pow': {
        const x = e.args[1];
        if (x.kind === 'num' && x.value < 0) return product(e);
        return pow(e.args[0], x.kind === 'num' ? x.value : x);
      }
      case 'mul':
        return product(e);
      case 'add':
        return {
          tex: joinSum(
            e.args.map(go).map((p) => ({ s: p.tex, negative: p.tex.startsWith('-') && p.prec === Prec.Unary })),
          ),
          prec: Prec.Sum,
        };
    }
  };
  return go(e).tex;
}
