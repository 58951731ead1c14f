/**
 * Tridiagonal form of a symmetric n x n: reads G (row-major, lower triangle), writes the diagonal to d[0..n-1] and
 * the off-diagonal to e[eo..eo+n-2] (e[eo+n-1] = 0), as tridiagonalEigenvaluesPWK takes them.
 */
export type TridiagonalKernel = (G: Float64Array, d: Float64Array, e: Float64Array, eo: number) => void;

/** Above this size straight-line code costs more to generate and compile than it saves; callers use the loop version. */
export const TRIDIAGONAL_KERNEL_MAX_N = 24;
// V8 leaves long functions unoptimised (a 1,000-statement kernel for n = 16 ran 30x slower): split into pieces.
const PIECE_STATEMENTS = 120;

const kernels = new Map<number, TridiagonalKernel>();

/**
 * Householder tridiagonalisation (Numerical Recipes tred2 without vectors, bottom row first) as straight-line code
 * for one size: every matrix entry is a local, so the ~(2/3)n³ multiply-adds run without loop counters, index
 * arithmetic or bounds checks (measured ~4x faster than the loop version at n = 8). Sums are balanced trees so
 * products add in parallel. The code is split into pieces of whole reflections that pass the still-active leading
 * block through a scratch array. No row scaling: callers keep entries within 1e-100 .. 1e100 (the Gram trace
 * check), where squares neither overflow nor lose anything that matters. Only integers reach the generated source.
 */
export function tridiagonalKernel(n: number): TridiagonalKernel {
  if (!Number.isInteger(n) || n < 1 || n > TRIDIAGONAL_KERNEL_MAX_N)
    throw new Error(`tridiagonalKernel: n = ${n} outside 1 .. ${TRIDIAGONAL_KERNEL_MAX_N}`);
  let k = kernels.get(n);
  if (!k) {
    k = build(n);
    kernels.set(n, k);
  }
  return k;
}

const A = (i: number, j: number): string => (i >= j ? `a${i}_${j}` : `a${j}_${i}`);

function sum(terms: string[]): string {
  if (terms.length === 0) return '0';
  if (terms.length === 1) return terms[0];
  const half = terms.length >> 1;
  return `(${sum(terms.slice(0, half))} + ${sum(terms.slice(half))})`;
}

/** The statements of reflection i (zeroing row i left of its sub-diagonal), with d[i] final at its start. */
function reflection(i: number): string[] {
  const l = i - 1;
  const lines = [`d[${i}] = ${A(i, i)};`];
  if (l === 0) return [...lines, `e[eo] = ${A(1, 0)};`];
  const range = Array.from({ length: l + 1 }, (_, t) => t);
  lines.push(
    `h = ${sum(range.map((t) => `${A(i, t)} * ${A(i, t)}`))};`,
    `f = ${A(i, l)};`,
    'g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);',
    `e[eo + ${i - 1}] = g;`,
    'h -= f * g;',
    `${A(i, l)} = f - g;`,
    'ih = h > 0 ? 1 / h : 0;', // a zero row: nothing to reflect
  );
  for (const j of range) lines.push(`p${j} = ${sum(range.map((t) => `${A(j, t)} * ${A(i, t)}`))} * ih;`);
  lines.push(`kk = ${sum(range.map((j) => `p${j} * ${A(i, j)}`))} * (0.5 * ih);`);
  for (const j of range) lines.push(`q${j} = p${j} - kk * ${A(i, j)};`);
  for (const j of range)
    for (let t = 0; t <= j; t++) lines.push(`${A(j, t)} -= ${A(i, j)} * q${t} + q${j} * ${A(i, t)};`);
  return lines;
}

/** Entries still in play when reflection `top` starts: the leading (top+1) x (top+1) lower triangle. */
function live(top: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let j = 0; j <= top; j++) for (let t = 0; t <= j; t++) out.push([j, t]);
  return out;
}

function build(n: number): TridiagonalKernel {
  // Pieces of consecutive reflections n-1, n-2, ...; piece boundaries before reflection i carry live(i).
  const pieces: Array<{ first: number; lines: string[] }> = [];
  let current: { first: number; lines: string[] } | undefined;
  for (let i = n - 1; i > 0; i--) {
    const lines = reflection(i);
    if (!current || current.lines.length + lines.length > PIECE_STATEMENTS) {
      current = { first: i, lines: [] };
      pieces.push(current);
    }
    current.lines.push(...lines);
  }
  const fns = pieces.map((piece, k) => {
    const body: string[] = ['"use strict";'];
    const locals = live(piece.first);
    body.push(...locals.map(([j, t]) => `let ${A(j, t)} = ${k === 0 ? `G[${j * n + t}]` : `S[${j * n + t}]`};`));
    body.push('let h, f, g, ih, kk;');
    for (let j = 0; j < n; j++) body.push(`let p${j}, q${j};`);
    body.push(...piece.lines);
    const next = pieces[k + 1];
    if (next) body.push(...live(next.first).map(([j, t]) => `S[${j * n + t}] = ${A(j, t)};`));
    else body.push(`d[0] = ${A(0, 0)};`, `e[eo + ${n - 1}] = 0;`);
    return new Function('G', 'd', 'e', 'eo', 'S', body.join('\n')) as (
      G: Float64Array,
      d: Float64Array,
      e: Float64Array,
      eo: number,
      S: Float64Array,
    ) => void;
  });
  const scratch = new Float64Array(n * n);
  if (n === 1)
    return (G, d, e, eo) => {
      d[0] = G[0];
      e[eo] = 0;
    };
  if (fns.length === 1) {
    const f = fns[0];
    return (G, d, e, eo) => f(G, d, e, eo, scratch);
  }
  return (G, d, e, eo) => {
    for (let k = 0; k < fns.length; k++) fns[k](G, d, e, eo, scratch);
  };
}
