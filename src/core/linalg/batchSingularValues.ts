import { compactLayout } from './compactLayout';
import { diagonalSingularValuesInto, isDiagonalLike } from './diagonalLike';
import { gramPlan } from './gramPlan';
import { createGramSpectrum } from './gramSpectrum';
import { createCompactJacobi } from './jacobiConfirmation';
import { numericalRank, rankTolerance } from './rank';
import { createTwoByTwo } from './twoByTwo';

/** Singular-value summaries of many q x p Jacobians with one fixed structural pattern, allocation-free per point. */
export interface BatchSpectrum {
  /** Structural non-zeros per point in the compact layout (row-major order of the pattern). */
  nonZeros: number;
  /** Per point of J (n*q*p, point-major): sigma_min, sigma_max over min(q,p) values, rank (NaN, NaN, -1 if non-finite). */
  run(J: Float64Array, n: number, sMin: Float64Array, sMax: Float64Array, rank: Int32Array, tol?: number): void;
  /** As `run`, with J in the compact layout (n*nonZeros), as CompiledModel.evaluateCompact writes it. */
  runCompact(
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
  compactSingularValuesInto(values: Float64Array, offset: number, out: Float64Array): void;
  /** All min(q, p) singular values of n compact points (n*nonZeros), point k's descending at out[k*min(q,p)..]. */
  compactSingularValuesBatch(values: Float64Array, n: number, out: Float64Array): void;
}

/** Batch singular values of q x p Jacobians; `pattern` (q*p, 1 = may be non-zero, default dense) must cover every non-zero. */
export function createBatchSpectrum(q: number, p: number, pattern?: Uint8Array): BatchSpectrum {
  // Everything works on the compact layout; dense entry points gather first. The route per pattern (README.md):
  // diagonal-like -> |entries|; dense 2 x 2 -> closed form; else the Gram route. Near-singular points of the last two
  // are confirmed by Jacobi. Everything per point lives in buffers allocated here.
  const qp = q * p,
    m = Math.min(q, p);
  if (pattern !== undefined && pattern.length !== qp)
    throw new Error(`createBatchSpectrum: pattern has ${pattern.length} entries, expected ${qp}`);
  const layout = compactLayout(q, p, pattern);
  const { nonZeros: nnz, dense } = layout;
  const diagonal = isDiagonalLike(layout.mask, q, p);
  const jacobi = createCompactJacobi(layout);
  const twoByTwo = !diagonal && q === 2 && p === 2 && nnz === 4 ? createTwoByTwo(jacobi) : undefined;
  const gram = diagonal || twoByTwo ? undefined : createGramSpectrum(layout, gramPlan(layout), jacobi);
  const paired = gram !== undefined && gram.paired;
  const values = new Float64Array(m),
    values2 = new Float64Array(m),
    gathered = new Float64Array(nnz);

  function compactSingularValuesInto(v: Float64Array, offset: number, out: Float64Array): void {
    if (m === 0) return;
    if (diagonal) diagonalSingularValuesInto(v, offset, nnz, m, out);
    else if (twoByTwo) twoByTwo(v, offset, out);
    else gram!.single(v, offset, out);
  }

  /** Singular values of the compact points 0 .. n-1, each handed to `each` in a buffer reused afterwards. */
  function forEachPoint(v: Float64Array, n: number, each: (k: number, sv: Float64Array) => void): void {
    let k = 0;
    if (paired) {
      for (; k + 1 < n; k += 2) {
        gram.pair(v, k * nnz, values, (k + 1) * nnz, values2);
        each(k, values);
        each(k + 1, values2);
      }
    }
    for (; k < n; k++) {
      compactSingularValuesInto(v, k * nnz, values);
      each(k, values);
    }
  }

  function compactSingularValuesBatch(v: Float64Array, n: number, out: Float64Array): void {
    if (v.length < n * nnz)
      throw new Error(`createBatchSpectrum.compactSingularValuesBatch: J has ${v.length} entries, expected ${n * nnz}`);
    if (out.length < n * m)
      throw new Error(
        `createBatchSpectrum.compactSingularValuesBatch: out has ${out.length} entries, expected ${n * m}`,
      );
    if (m === 0) return;
    // A copy loop: a builtin call per point (set) costs as much as a small point.
    forEachPoint(v, n, (k, sv) => {
      for (let i = 0, o = k * m; i < m; i++) out[o + i] = sv[i];
    });
  }

  function singularValuesInto(Jpoint: Float64Array, offset: number, out: Float64Array): void {
    for (let u = 0; u < nnz; u++) gathered[u] = Jpoint[offset + dense[u]];
    compactSingularValuesInto(gathered, 0, out);
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
    sMax[k] = hi;
    sMin[k] = sv[m - 1];
    rank[k] = numericalRank(sv, rankTolerance(hi, q, p, tol));
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

  function runCompact(
    v: Float64Array,
    n: number,
    sMin: Float64Array,
    sMax: Float64Array,
    rank: Int32Array,
    tol?: number,
  ): void {
    check('runCompact', v, n, nnz, sMin, sMax, rank);
    if (m === 0) {
      sMin.fill(0, 0, n);
      sMax.fill(0, 0, n);
      rank.fill(0, 0, n);
      return;
    }
    forEachPoint(v, n, (k, sv) => summarize(k, sv, sMin, sMax, rank, tol));
  }

  return { nonZeros: nnz, run, runCompact, singularValuesInto, compactSingularValuesInto, compactSingularValuesBatch };
}
