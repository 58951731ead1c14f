// Shared helpers for the linalg tests: a seeded generator and an independent (Householder QR) source of orthogonal
// matrices, so known singular values can be planted without going through the code under test.
import fc from 'fast-check';

/** Deterministic uniform [0, 1) generator (mulberry32, the core's own). */
import { mulberry32 as rng } from '../../../src/core/random';
export { rng };

/** rows x cols row-major matrix with entries uniform in [-1, 1). */
export function randomMatrix(rows: number, cols: number, next: () => number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => 2 * next() - 1);
}

/** A random n x n orthogonal matrix: Q of the Householder QR of a random matrix, built here independently. */
export function randomOrthogonal(n: number, next: () => number): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = 0; k < n - 1; k++) {
    const v = Float64Array.from({ length: n - k }, () => 2 * next() - 1);
    const norm = Math.hypot(...v);
    // Q <- Q (I - 2 v vᵀ / vᵀv) on columns k..n-1.
    for (let r = 0; r < n; r++) {
      let dot = 0;
      for (let t = 0; t < n - k; t++) dot += q[r * n + k + t] * v[t];
      const f = (2 * dot) / (norm * norm);
      for (let t = 0; t < n - k; t++) q[r * n + k + t] -= f * v[t];
    }
  }
  return q;
}

/** (rows x inner) times (inner x cols), row-major. */
export function matMul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  inner: number,
  cols: number,
): Float64Array {
  const c = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < inner; k++) {
      const aik = a[i * inner + k];
      for (let j = 0; j < cols; j++) c[i * cols + j] += aik * b[k * cols + j];
    }
  return c;
}

/** Transpose of a rows x cols row-major matrix. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** Q1 diag(s) Q2ᵀ with random orthogonal Q1 (rows x rows) and Q2 (cols x cols): singular values exactly s (sorted). */
export function withSingularValues(s: number[], rows: number, cols: number, next: () => number): Float64Array {
  const q1 = randomOrthogonal(rows, next),
    q2 = randomOrthogonal(cols, next);
  const d = new Float64Array(rows * cols);
  s.forEach((x, i) => {
    d[i * cols + i] = x;
  });
  return matMul(matMul(q1, d, rows, rows, cols), transpose(q2, cols, cols), rows, cols, cols);
}

/** Column j of a rows x cols row-major matrix. */
export function column(a: ArrayLike<number>, rows: number, cols: number, j: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, i) => a[i * cols + j]);
}

/** max |a_i - b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertSameLength(a, b);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
}

/** max |VᵀV - I| for k vectors of length n, given as a list. */
export function orthonormalityError(vs: ArrayLike<number>[]): number {
  let m = 0;
  for (let i = 0; i < vs.length; i++)
    for (let j = 0; j < vs.length; j++) {
      let dot = 0;
      for (let t = 0; t < vs[i].length; t++) dot += vs[i][t] * vs[j][t];
      m = Math.max(m, Math.abs(dot - (i === j ? 1 : 0)));
    }
  return m;
}

/** max_i |(A x)_i| for the rows x cols A. */
export function residual(a: ArrayLike<number>, rows: number, cols: number, x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
    m = Math.max(m, Math.abs(s));
  }
  return m;
}

/** The polar-coordinates Jacobian d(r cos φ, r sin φ)/d(r, φ). */
export function polarJacobian(r: number, phi: number): Float64Array {
  return Float64Array.from([Math.cos(phi), -r * Math.sin(phi), Math.sin(phi), r * Math.cos(phi)]);
}

/** fast-check arbitrary: a random rows x cols matrix (1..maxDim each), entries in [-1, 1], some forced rank-deficient. */
export function arbitraryMatrix(maxDim: number): fc.Arbitrary<{ rows: number; cols: number; a: Float64Array }> {
  return fc
    .record({
      rows: fc.integer({ min: 1, max: maxDim }),
      cols: fc.integer({ min: 1, max: maxDim }),
      rank: fc.integer({ min: 0, max: maxDim }),
      seed: fc.integer(),
    })
    .map(({ rows, cols, rank, seed }) => {
      const next = rng(seed);
      // Half the cases: a product of thin factors, so exact rank deficiency (up to rounding) is common.
      if (rank < Math.min(rows, cols) && next() < 0.5) {
        return {
          rows,
          cols,
          a: matMul(randomMatrix(rows, rank, next), randomMatrix(rank, cols, next), rows, rank, cols),
        };
      }
      return { rows, cols, a: randomMatrix(rows, cols, next) };
    });
}
