/** Writes the g x g Gram matrix (both halves) of the point at J[off..] into G and returns its trace. */
export type GramKernel = (J: Float64Array, off: number, G: Float64Array) => number;

// Past this many products a straight-line kernel is too long for V8 to optimise well; loops take over.
const MAX_TERMS = 2_000;

/**
 * A straight-line kernel for one structural pattern: each Gram entry as an explicit sum of the J entries that
 * overlap in it (no index tables, no loops), from the plan's runs (J offset a, J offset b, length, stride).
 * Only integer offsets reach the generated source. Undefined when the pattern is too large for straight-line code.
 */
export function generateGramKernel(g: number, pairI: Int32Array, pairJ: Int32Array, start: Int32Array, runs: Int32Array): GramKernel | undefined {
  let terms = 0;
  for (let x = 0; x < runs.length; x += 4) terms += runs[x + 2];
  if (terms > MAX_TERMS) return undefined;
  const lines: string[] = [];
  const diagonal: string[] = [];
  for (let u = 0; u < pairI.length; u++) {
    const products: string[] = [];
    for (let x = 4 * start[u]; x < 4 * start[u + 1]; x += 4) {
      for (let k = 0; k < runs[x + 2]; k++) products.push(`J[off + ${runs[x] + k * runs[x + 3]}] * J[off + ${runs[x + 1] + k * runs[x + 3]}]`);
    }
    const i = pairI[u], j = pairJ[u];
    lines.push(`s = ${products.length ? products.join(' + ') : '0'};`, `G[${i * g + j}] = s;`);
    if (i === j) diagonal.push(`G[${i * g + i}]`);
    else lines.push(`G[${j * g + i}] = s;`);
  }
  const body = `"use strict";\nlet s;\n${lines.join('\n')}\nreturn ${diagonal.join(' + ') || '0'};`;
  return new Function('J', 'off', 'G', body) as GramKernel;
}
