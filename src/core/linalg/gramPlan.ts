import type { CompactLayout } from './compactLayout';

/** Which products of J's non-zeros make up each entry of the Gram matrix; see gramPlan. */
export interface GramPlan {
  /** Size of the Gram matrix: the structurally non-zero rows (columns when tall) of the smaller side. */
  g: number;
  /** Pair t is Gram entry (pairI[t], pairJ[t]) with pairI <= pairJ, summed over runs start[t] .. start[t+1]-1. */
  pairI: Int32Array;
  pairJ: Int32Array;
  start: Int32Array;
  /** Runs of 5 ints: compact offset on the pairI side, on the pairJ side, length, stride on each side. */
  runs: Int32Array;
}

/**
 * Gram plan over the smaller side (J Jᵀ when q <= p, else JᵀJ), restricted to its structurally non-zero rows (columns
 * when tall): the others only add exact zero singular values. Offsets index the compact layout; shared indices are
 * compressed into runs with constant strides, so dense and regularly strided overlaps loop without index lists.
 */
export function gramPlan(layout: CompactLayout): GramPlan {
  const { q, p, mask, compact, rowCount, colCount } = layout;
  const wide = q <= p,
    len = wide ? p : q,
    m = Math.min(q, p);
  const at = (i: number, s: number): number => compact[wide ? i * p + s : s * p + i];
  const active = Array.from({ length: m }, (_, i) => i).filter((i) => (wide ? rowCount[i] : colCount[i]) > 0);
  const g = active.length,
    npairs = (g * (g + 1)) / 2;
  const pairI = new Int32Array(npairs),
    pairJ = new Int32Array(npairs),
    start = new Int32Array(npairs + 1);
  const runList: number[] = [];
  let t = 0;
  for (let x = 0; x < g; x++) {
    for (let y = x; y < g; y++, t++) {
      pairI[t] = x;
      pairJ[t] = y;
      const i = active[x],
        j = active[y];
      const a: number[] = [],
        b: number[] = [];
      for (let s = 0; s < len; s++) {
        const dense = wide ? [i * p + s, j * p + s] : [s * p + i, s * p + j];
        if (mask[dense[0]] && mask[dense[1]]) {
          a.push(at(i, s));
          b.push(at(j, s));
        }
      }
      for (let u = 0; u < a.length;) {
        let v = u + 1;
        const sa = v < a.length ? a[v] - a[u] : 1,
          sb = v < a.length ? b[v] - b[u] : 1;
        while (v < a.length && a[v] - a[v - 1] === sa && b[v] - b[v - 1] === sb) v++;
        runList.push(a[u], b[u], v - u, sa, sb);
        u = v;
      }
      start[t + 1] = runList.length / 5;
    }
  }
  return { g, pairI, pairJ, start, runs: Int32Array.from(runList) };
}
