import { jacobiSingularValuesInto } from './svd';
import { generateGramKernel } from './gramKernel';
import { smallSymmetricEigenvalues, smallSymmetricEigenvaluesPair } from './smallSymmetricEigen';
import { symmetricEigenvaluesInRange, symmetricEigenvaluesInRangePair } from './symmetricEigen';

/**
 * Below this sigma_min / sigma_max the Gram result is redone by Jacobi. Gram eigenvalues carry an absolute error of
 * a few eps * sigma_max², so sqrt gives sigma_min a relative error ~ eps / ratio² (measured worst over random cases:
 * 1e-8 at 1e-4, 1e-4 at 1e-6, 1e-2 at 1e-7). At 1e-4 every reported sigma_min is good to ~8 digits.
 */
const CONFIRM_RATIO = 1e-4;
/** Gram trace outside this range: squares (and the eigen-solver's squares of those) near overflow or underflow. */
const GRAM_MAX = 1e100,
  GRAM_MIN = 1e-100;

/** Which products of J's non-zeros make up each entry of the Gram matrix; see gramPlan. */
interface GramPlan {
  /** Size of the Gram matrix: the structurally non-zero rows (columns when tall) of the smaller side. */
  g: number;
  /** Pair t is Gram entry (pairI[t], pairJ[t]) with pairI <= pairJ, summed over runs start[t] .. start[t+1]-1. */
  pairI: Int32Array;
  pairJ: Int32Array;
  start: Int32Array;
  /** Runs of 5 ints: compact offset on the pairI side, on the pairJ side, length, stride on each side. */
  runs: Int32Array;
}

const EMPTY_PLAN: GramPlan = {
  g: 0,
  pairI: new Int32Array(0),
  pairJ: new Int32Array(0),
  start: new Int32Array(1),
  runs: new Int32Array(0),
};

/**
 * Gram plan over the smaller side (J Jᵀ when q <= p, else JᵀJ), restricted to its structurally non-zero rows (columns
 * when tall): the others only add exact zero singular values. Offsets index the compact layout (the non-zeros in
 * row-major order, `compact` maps a dense offset to it); shared indices are compressed into runs with constant
 * strides, so dense and regularly strided overlaps loop without index lists.
 */
function gramPlan(
  q: number,
  p: number,
  mask: Uint8Array,
  compact: Int32Array,
  rowCount: Int32Array,
  colCount: Int32Array,
): GramPlan {
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

/** Singular-value summaries of many q x p Jacobians with one fixed structural pattern, allocation-free per point. */
export interface BatchSpectrum {
  /** Structural non-zeros per point in the compact layout (row-major order of the pattern). */
  nonZeros: number;
  /** Per point of J (n*q*p, point-major): sigma_min, sigma_max over min(q,p) values, rank (NaN, NaN, -1 if non-finite). */
  run(J: Float64Array, n: number, sMin: Float64Array, sMax: Float64Array, rank: Int32Array, tol?: number): void;
  /** As `run`, with J in the compact layout (n*nonZeros), as CompiledModel.evaluateNonZeros writes it. */
  runNonZeros(
    values: Float64Array,
    n: number,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
    tol?: number,
  ): void;
  /** All min(q, p) singular values of the point at J[offset..], descending, into `out` (NaN if non-finite). */
  singularValuesInto(Jpoint: Float64Array, offset: number, out: Float64Array): void;
  /** As `singularValuesInto`, for a point in the compact layout at values[offset..]. */
  nonZeroSingularValuesInto(values: Float64Array, offset: number, out: Float64Array): void;
  /** All min(q, p) singular values of n compact points (n*nonZeros), point k's descending at out[k*min(q,p)..]. */
  nonZeroSingularValuesBatch(values: Float64Array, n: number, out: Float64Array): void;
}

/** Batch singular values of q x p Jacobians; `pattern` (q*p, 1 = may be non-zero, default dense) must cover every non-zero. */
export function createBatchSpectrum(q: number, p: number, pattern?: Uint8Array): BatchSpectrum {
  // Everything works on the compact layout (the structural non-zeros, row-major); dense entry points gather first.
  // Diagonal-like patterns give |entries|; a dense 2 x 2 has a closed form; otherwise the smaller Gram matrix (J Jᵀ or
  // JᵀJ) is built from structural overlaps only and its eigenvalues taken, with a one-sided Jacobi SVD of the point
  // where squaring loses precision. Everything per point lives in buffers allocated here.
  const qp = q * p,
    m = Math.min(q, p),
    maxDim = Math.max(q, p);
  if (pattern !== undefined && pattern.length !== qp)
    throw new Error(`createBatchSpectrum: pattern has ${pattern.length} entries, expected ${qp}`);
  const mask = pattern ?? new Uint8Array(qp).fill(1);
  const values = new Float64Array(m);

  const rowCount = new Int32Array(q),
    colCount = new Int32Array(p);
  const positions: number[] = [];
  const compact = new Int32Array(qp).fill(-1);
  for (let r = 0; r < q; r++)
    for (let c = 0; c < p; c++)
      if (mask[r * p + c]) {
        rowCount[r]++;
        colCount[c]++;
        compact[r * p + c] = positions.length;
        positions.push(r * p + c);
      }
  const nnz = positions.length,
    dense = Int32Array.from(positions);
  // Diagonal-like: at most one structural non-zero per row and per column.
  const diagonal = rowCount.every((x) => x <= 1) && colCount.every((x) => x <= 1);
  const twoByTwo = q === 2 && p === 2 && nnz === 4;

  const { g, pairI, pairJ, start, runs } =
    diagonal || twoByTwo ? EMPTY_PLAN : gramPlan(q, p, mask, compact, rowCount, colCount);
  // With every entry present the compact layout is the dense one: rows are contiguous.
  const denseWide = !diagonal && q <= p && nnz === qp;
  const G = new Float64Array(g * g),
    eig = new Float64Array(g),
    eigWork = new Float64Array(g * (g + 2));
  const jacobiWork = new Float64Array(qp),
    scattered = new Float64Array(qp),
    gathered = new Float64Array(nnz);

  function hasNonFinite(v: Float64Array, off: number): boolean {
    for (let i = off; i < off + nnz; i++) if (!Number.isFinite(v[i])) return true;
    return false;
  }

  /** Jacobi SVD of the compact point (scattered into a dense q x p, whose other entries stay zero). */
  function jacobiInto(v: Float64Array, off: number, out: Float64Array): void {
    for (let u = 0; u < nnz; u++) scattered[dense[u]] = v[off + u];
    jacobiSingularValuesInto(scattered, 0, q, p, out, jacobiWork);
  }

  /** Descending singular values of a diagonal-like point: the sorted |entries|, then zeros (NaN if non-finite). */
  function diagonalInto(v: Float64Array, off: number, out: Float64Array): void {
    for (let i = 0; i < m; i++) out[i] = 0;
    for (let u = 0; u < nnz; u++) {
      const x = Math.abs(v[off + u]);
      if (!Number.isFinite(x)) {
        out.fill(NaN, 0, m);
        return;
      }
      let j = u - 1;
      while (j >= 0 && out[j] < x) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = x;
    }
  }

  /**
   * A dense 2 x 2 [[a, b], [c, d]]: sigma_max = |(a+d, c-b)|/2 + |(a-d, c+b)|/2 (the two-sided rotation in closed
   * form), sigma_min = |ad - bc| / sigma_max. Near-singular points (the determinant then cancels) go to Jacobi.
   */
  function twoByTwoInto(v: Float64Array, off: number, out: Float64Array): void {
    const a = v[off],
      b = v[off + 1],
      c = v[off + 2],
      d = v[off + 3];
    const e = a + d,
      f = a - d,
      gg = c + b,
      h = c - b;
    const hi = 0.5 * (Math.sqrt(e * e + h * h) + Math.sqrt(f * f + gg * gg));
    if (!(hi < 1e150 && hi > 1e-150)) {
      // Squares under- or overflow here (or an entry is not finite); all-zero is the one exact case.
      if (a === 0 && b === 0 && c === 0 && d === 0) {
        out[0] = out[1] = 0;
        return;
      }
      if (hasNonFinite(v, off)) {
        out[0] = out[1] = NaN;
        return;
      }
      jacobiInto(v, off, out);
      return;
    }
    out[0] = hi;
    out[1] = Math.abs(a * d - b * c) / hi;
    if (out[1] < CONFIRM_RATIO * hi) jacobiInto(v, off, out);
  }

  const kernel = diagonal || twoByTwo || denseWide ? undefined : generateGramKernel(g, pairI, pairJ, start, runs);

  /** Writes the point's Gram matrix into `into` and returns its trace. */
  function gram(v: Float64Array, off: number, into: Float64Array): number {
    if (kernel) return kernel(v, off, into);
    let trace = 0;
    for (let u = 0; u < pairI.length; u++) {
      const i = pairI[u],
        j = pairJ[u];
      let s = 0;
      if (denseWide) {
        // Plain row dot products: measured ~40% faster than walking the run table.
        for (let ia = off + i * p, ib = off + j * p, stop = ia + p; ia < stop; ia++, ib++) s += v[ia] * v[ib];
      } else {
        for (let x = 5 * start[u], end = 5 * start[u + 1]; x < end; x += 5) {
          const sa = runs[x + 3],
            sb = runs[x + 4];
          for (let ia = off + runs[x], ib = off + runs[x + 1], k = runs[x + 2]; k > 0; k--, ia += sa, ib += sb)
            s += v[ia] * v[ib];
        }
      }
      into[i * g + j] = s;
      into[j * g + i] = s;
      if (i === j) trace += s;
    }
    return trace;
  }

  /** True when the eigenvalues of a Gram matrix with this trace can be taken as they are (else see gramInto). */
  const regular = (trace: number): boolean => trace < GRAM_MAX && trace > GRAM_MIN;

  /** Singular values from the Gram eigenvalues in `eigen`, confirmed by Jacobi when near-singular. */
  function fromEigenvalues(v: Float64Array, off: number, eigen: Float64Array, out: Float64Array): void {
    for (let i = 0; i < g; i++) out[i] = Math.sqrt(Math.max(eigen[i], 0));
    if (g < m) out.fill(0, g, m); // a builtin call costs as much as a 2 x 2 point: only when there is a tail
    if (out[g - 1] < CONFIRM_RATIO * out[0]) jacobiInto(v, off, out);
  }

  /** Descending singular values of a general point through its Gram matrix (already in `Gp` when `trace` is given). */
  function gramInto(v: Float64Array, off: number, out: Float64Array, trace = gram(v, off, G), Gp = G): void {
    if (trace === 0) {
      out.fill(0, 0, m);
      return;
    }
    if (!regular(trace)) {
      if (hasNonFinite(v, off)) out.fill(NaN, 0, m);
      else jacobiInto(v, off, out);
      return;
    }
    if (g > 4 || !smallSymmetricEigenvalues(Gp, g, eig)) symmetricEigenvaluesInRange(Gp, g, eig, eigWork);
    fromEigenvalues(v, off, eig, out);
  }

  // Two points at a time where the Gram matrices are 3 x 3 or larger: the two eigen-solvers run interleaved (see
  // smallSymmetricEigenvaluesPair and tridiagonalEigenvaluesPWKPair), same results as one at a time.
  const paired = !diagonal && !twoByTwo && g >= 3;
  const G2 = paired ? new Float64Array(g * g) : G,
    eig2 = new Float64Array(g),
    eigWork2 = new Float64Array(g * (g + 2));

  function pairInto(v: Float64Array, offA: number, outA: Float64Array, offB: number, outB: Float64Array): void {
    const ta = gram(v, offA, G),
      tb = gram(v, offB, G2);
    if (!(ta !== 0 && tb !== 0 && regular(ta) && regular(tb))) {
      gramInto(v, offA, outA, ta);
      gramInto(v, offB, outB, tb, G2);
      return;
    }
    if (g <= 4) {
      const solved = smallSymmetricEigenvaluesPair(G, G2, g, eig, eig2);
      if (!(solved & 1)) symmetricEigenvaluesInRange(G, g, eig, eigWork);
      if (!(solved & 2)) symmetricEigenvaluesInRange(G2, g, eig2, eigWork2);
    } else symmetricEigenvaluesInRangePair(G, G2, g, eig, eig2, eigWork, eigWork2);
    fromEigenvalues(v, offA, eig, outA);
    fromEigenvalues(v, offB, eig2, outB);
  }

  function nonZeroSingularValuesInto(v: Float64Array, offset: number, out: Float64Array): void {
    if (m === 0) return;
    if (diagonal) diagonalInto(v, offset, out);
    else if (twoByTwo) twoByTwoInto(v, offset, out);
    else gramInto(v, offset, out);
  }

  const values2 = new Float64Array(m);

  /** Singular values of the compact points 0 .. n-1, each handed to `each` in a buffer reused afterwards. */
  function forEachPoint(v: Float64Array, n: number, each: (k: number, sv: Float64Array) => void): void {
    let k = 0;
    if (paired) {
      for (; k + 1 < n; k += 2) {
        pairInto(v, k * nnz, values, (k + 1) * nnz, values2);
        each(k, values);
        each(k + 1, values2);
      }
    }
    for (; k < n; k++) {
      nonZeroSingularValuesInto(v, k * nnz, values);
      each(k, values);
    }
  }

  function nonZeroSingularValuesBatch(v: Float64Array, n: number, out: Float64Array): void {
    if (v.length < n * nnz)
      throw new Error(`createBatchSpectrum.nonZeroSingularValuesBatch: J has ${v.length} entries, expected ${n * nnz}`);
    if (out.length < n * m)
      throw new Error(
        `createBatchSpectrum.nonZeroSingularValuesBatch: out has ${out.length} entries, expected ${n * m}`,
      );
    if (m === 0) return;
    // A copy loop: a builtin call per point (set) costs as much as a small point.
    forEachPoint(v, n, (k, sv) => {
      for (let i = 0, o = k * m; i < m; i++) out[o + i] = sv[i];
    });
  }

  function gather(J: Float64Array, offset: number): void {
    for (let u = 0; u < nnz; u++) gathered[u] = J[offset + dense[u]];
  }

  function singularValuesInto(Jpoint: Float64Array, offset: number, out: Float64Array): void {
    gather(Jpoint, offset);
    nonZeroSingularValuesInto(gathered, 0, out);
  }

  function summarize(
    k: number,
    sv: Float64Array,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
    tol: number | undefined,
  ): void {
    const hi = sv[0];
    if (hi !== hi) {
      sMin[k] = sMax[k] = NaN;
      rank[k] = -1;
      return;
    }
    const threshold = tol ?? hi * maxDim * Number.EPSILON;
    let r = 0;
    while (r < m && sv[r] > threshold) r++;
    sMax[k] = hi;
    sMin[k] = sv[m - 1];
    rank[k] = r;
  }

  function check(
    name: string,
    J: Float64Array,
    n: number,
    stride: number,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
  ): void {
    if (J.length < n * stride)
      throw new Error(`createBatchSpectrum.${name}: J has ${J.length} entries, expected ${n * stride}`);
    if (sMin.length < n || sMax.length < n || rank.length < n)
      throw new Error(`createBatchSpectrum.${name}: output arrays shorter than n`);
  }

  function run(
    J: Float64Array,
    n: number,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
    tol?: number,
  ): void {
    check('run', J, n, qp, sMin, sMax, rank);
    for (let k = 0; k < n; k++) {
      if (m === 0) {
        sMin[k] = sMax[k] = 0;
        rank[k] = 0;
        continue;
      }
      singularValuesInto(J, k * qp, values);
      summarize(k, values, sMin, sMax, rank, tol);
    }
  }

  function runNonZeros(
    v: Float64Array,
    n: number,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
    tol?: number,
  ): void {
    check('runNonZeros', v, n, nnz, sMin, sMax, rank);
    if (m === 0) {
      sMin.fill(0, 0, n);
      sMax.fill(0, 0, n);
      rank.fill(0, 0, n);
      return;
    }
    forEachPoint(v, n, (k, sv) => summarize(k, sv, sMin, sMax, rank, tol));
  }

  return { nonZeros: nnz, run, runNonZeros, singularValuesInto, nonZeroSingularValuesInto, nonZeroSingularValuesBatch };
}
