import type { CompactLayout } from './compactLayout';
import type { GramPlan } from './gramPlan';

/** Writes the g x g Gram matrix (both halves) of the point at J[off..] (compact layout) into G; returns its trace. */
export type GramKernel = (J: Float64Array, off: number, G: Float64Array) => number;

// Past this many products in all, straight-line code stops paying for itself (and costs compile time).
const MAX_TERMS = 40_000;
// V8 leaves very long functions unoptimised: split the kernel into pieces of about this many products.
const PIECE_TERMS = 400;

/**
 * A straight-line kernel for one structural pattern: each Gram entry as an explicit sum of the J entries that
 * overlap in it (no index tables, no loops), from the plan's runs (offset a, offset b, length, stride a, stride b),
 * split into short functions that load each entry they use once. Each sum is a balanced tree, not a chain: the
 * products then add in parallel instead of waiting on one another. Only integer offsets reach the generated source. Undefined when the pattern is too large.
 */
export function generateGramKernel(
  g: number,
  pairI: Int32Array,
  pairJ: Int32Array,
  start: Int32Array,
  runs: Int32Array,
): GramKernel | undefined {
  let total = 0;
  for (let x = 0; x < runs.length; x += 5) total += runs[x + 2];
  if (total > MAX_TERMS) return undefined;
  // Each piece loads every J entry it uses once into a local (an entry of a deep-linear J meets up to 2d products).
  const pieces: Array<{ lines: string[]; used: Set<number> }> = [{ lines: [], used: new Set() }];
  let inPiece = 0;
  for (let u = 0; u < pairI.length; u++) {
    const piece = pieces[pieces.length - 1];
    const products: string[] = [];
    for (let x = 5 * start[u]; x < 5 * start[u + 1]; x += 5) {
      for (let k = 0; k < runs[x + 2]; k++) {
        const a = runs[x] + k * runs[x + 3],
          b = runs[x + 1] + k * runs[x + 4];
        piece.used.add(a).add(b);
        products.push(`j${a} * j${b}`);
      }
    }
    const i = pairI[u],
      j = pairJ[u];
    piece.lines.push(`s = ${products.length ? balancedSum(products) : '0'};`, `G[${i * g + j}] = s;`);
    piece.lines.push(i === j ? 'trace += s;' : `G[${j * g + i}] = s;`);
    inPiece += products.length;
    if (inPiece >= PIECE_TERMS && u + 1 < pairI.length) {
      pieces.push({ lines: [], used: new Set() });
      inPiece = 0;
    }
  }
  const fns = pieces.map(({ lines, used }) => {
    const loads = [...used].sort((x, y) => x - y).map((a) => `const j${a} = J[off + ${a}];`);
    return new Function(
      'J',
      'off',
      'G',
      `"use strict";\n${loads.join('\n')}\nlet s, trace = 0;\n${lines.join('\n')}\nreturn trace;`,
    ) as GramKernel;
  });
  if (fns.length === 1) return fns[0];
  return (J, off, G) => {
    let trace = 0;
    for (let k = 0; k < fns.length; k++) trace += fns[k](J, off, G);
    return trace;
  };
}

function balancedSum(terms: string[]): string {
  if (terms.length === 1) return terms[0];
  const half = terms.length >> 1;
  return `(${balancedSum(terms.slice(0, half))} + ${balancedSum(terms.slice(half))})`;
}

/**
 * The Gram matrix writer for a layout and its plan: row dot products when J is dense and wide (measured ~40% faster
 * than walking the run table), else the generated kernel, else (a very large pattern) a loop over the plan's runs.
 */
export function gramWriter(layout: CompactLayout, plan: GramPlan): GramKernel {
  const { g, pairI, pairJ, start, runs } = plan;
  const p = layout.p;
  if (layout.q <= p && layout.nonZeros === layout.q * p) {
    // Dense and wide: the compact layout is the dense one, rows are contiguous.
    return (v, off, into) => {
      let trace = 0;
      for (let u = 0; u < pairI.length; u++) {
        const i = pairI[u],
          j = pairJ[u];
        let s = 0;
        for (let ia = off + i * p, ib = off + j * p, stop = ia + p; ia < stop; ia++, ib++) s += v[ia] * v[ib];
        into[i * g + j] = s;
        into[j * g + i] = s;
        if (i === j) trace += s;
      }
      return trace;
    };
  }
  const kernel = generateGramKernel(g, pairI, pairJ, start, runs);
  if (kernel) return kernel;
  return (v, off, into) => {
    let trace = 0;
    for (let u = 0; u < pairI.length; u++) {
      const i = pairI[u],
        j = pairJ[u];
      let s = 0;
      for (let x = 5 * start[u], end = 5 * start[u + 1]; x < end; x += 5) {
        const sa = runs[x + 3],
          sb = runs[x + 4];
        for (let ia = off + runs[x], ib = off + runs[x + 1], k = runs[x + 2]; k > 0; k--, ia += sa, ib += sb)
          s += v[ia] * v[ib];
      }
      into[i * g + j] = s;
      into[j * g + i] = s;
      if (i === j) trace += s;
    }
    return trace;
  };
}
