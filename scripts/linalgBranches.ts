// Each fast path of the batch spectrum against the route it replaces, on the same points (the figures in
// src/core/linalg/README.md). Run: npx esbuild scripts/linalgBranches.ts --bundle --platform=node
// --outfile=out/linalgBranches.js && node out/linalgBranches.js [diag|two|small|tri|gram|pwk]
import { compactLayout } from '../src/core/linalg/compactLayout';
import { diagonalSingularValuesInto } from '../src/core/linalg/diagonalLike';
import { generateGramKernel, gramWriter, type GramKernel } from '../src/core/linalg/gramKernel';
import { gramPlan, type GramPlan } from '../src/core/linalg/gramPlan';
import { createGramSpectrum } from '../src/core/linalg/gramSpectrum';
import { createCompactJacobi } from '../src/core/linalg/jacobiConfirmation';
import {
  smallEigenScratch,
  smallSymmetricEigenvalues,
  smallSymmetricEigenvaluesPair,
} from '../src/core/linalg/smallSymmetricEigen';
import {
  symmetricEigenvaluesWellScaled,
  symmetricEigenvaluesWellScaledPair,
} from '../src/core/linalg/symmetricEigenvalues';
import { tridiagonalKernel } from '../src/core/linalg/tridiagonalKernel';
import { tridiagonalValues } from '../src/core/linalg/tridiagonalize';
import { createTwoByTwo } from '../src/core/linalg/twoByTwo';

let seed = 11;
const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
/** Best of `reps` timings of f, in ms. */
function best(f: () => void, reps = 200): number {
  let b = Infinity;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}
const ns = (ms: number, n: number): string => `${((ms * 1e6) / n).toFixed(0)} ns`;
/** n random Gram matrices A Aᵀ of size g (A g x 2g). */
function grams(g: number, n: number): Float64Array[] {
  return Array.from({ length: n }, () => {
    const a = Float64Array.from({ length: 2 * g * g }, next),
      G = new Float64Array(g * g);
    for (let i = 0; i < g; i++)
      for (let j = 0; j < g; j++) {
        let t = 0;
        for (let x = 0; x < 2 * g; x++) t += a[i * 2 * g + x] * a[j * 2 * g + x];
        G[i * g + j] = t;
      }
    return G;
  });
}
const patternOf = (q: number, p: number, on: (i: number, j: number) => boolean): Uint8Array =>
  Uint8Array.from({ length: q * p }, (_, x) => (on(Math.floor(x / p), x % p) ? 1 : 0));

function runTable(plan: GramPlan): GramKernel {
  const { g, pairI, pairJ, start, runs } = plan;
  return (v, off, into) => {
    let trace = 0;
    for (let u = 0; u < pairI.length; u++) {
      let s = 0;
      for (let x = 5 * start[u]; x < 5 * start[u + 1]; x += 5) {
        const sa = runs[x + 3],
          sb = runs[x + 4];
        for (let ia = off + runs[x], ib = off + runs[x + 1], k = runs[x + 2]; k > 0; k--, ia += sa, ib += sb)
          s += v[ia] * v[ib];
      }
      into[pairI[u] * g + pairJ[u]] = into[pairJ[u] * g + pairI[u]] = s;
      if (pairI[u] === pairJ[u]) trace += s;
    }
    return trace;
  };
}

const cases: Record<string, () => void> = {
  diag() {
    const n = 10000,
      v = Float64Array.from({ length: 2 * n }, next),
      dense = new Float64Array(4 * n),
      out = new Float64Array(2);
    for (let k = 0; k < n; k++) [dense[4 * k], dense[4 * k + 3]] = [v[2 * k], v[2 * k + 1]];
    const lay = compactLayout(2, 2),
      gram = createGramSpectrum(lay, gramPlan(lay), createCompactJacobi(lay));
    const a = best(() => {
      for (let k = 0; k < n; k++) diagonalSingularValuesInto(v, 2 * k, 2, 2, out);
    });
    const b = best(() => {
      for (let k = 0; k < n; k++) gram.single(dense, 4 * k, out);
    });
    console.log(`diagonal 2 x 2: |entries| ${ns(a, n)}, Gram route ${ns(b, n)}`);
    const d = 1000,
      w = Float64Array.from({ length: d }, () => 1 + next()),
      o = new Float64Array(d),
      D = new Float64Array(d * d);
    for (let i = 0; i < d; i++) D[i * d + i] = w[i];
    const jacobi = createCompactJacobi(compactLayout(d, d));
    const c = best(() => diagonalSingularValuesInto(w, 0, d, d, o), 50);
    const e = best(() => jacobi(D, 0, o), 2);
    console.log(`diagonal 1000 x 1000: |entries| ${(c * 1e3).toFixed(0)} us, Jacobi SVD ${e.toFixed(0)} ms`);
  },
  two() {
    const n = 10000,
      v = new Float64Array(4 * n),
      out = new Float64Array(2);
    for (let k = 0; k < n; k++) {
      const r = 1 + next(),
        phi = 3 * next();
      v.set([Math.cos(phi), -r * Math.sin(phi), Math.sin(phi), r * Math.cos(phi)], 4 * k);
    }
    const lay = compactLayout(2, 2),
      jacobi = createCompactJacobi(lay),
      two = createTwoByTwo(jacobi),
      gram = createGramSpectrum(lay, gramPlan(lay), jacobi);
    const t = (f: (v: Float64Array, off: number, out: Float64Array) => void, reps = 200): string =>
      ns(
        best(() => {
          for (let k = 0; k < n; k++) f(v, 4 * k, out);
        }, reps),
        n,
      );
    console.log(`dense 2 x 2 (polar): closed form ${t(two)}, Gram route ${t(gram.single)}, Jacobi ${t(jacobi, 30)}`);
  },
  small() {
    const N = 2000,
      mats = grams(4, N),
      a = new Float64Array(4),
      b = new Float64Array(4),
      w = smallEigenScratch(),
      work = new Float64Array(24);
    const one = best(() => {
      for (let k = 0; k < N; k++) smallSymmetricEigenvalues(mats[k], 4, a, w);
    });
    const pair = best(() => {
      for (let k = 0; k + 1 < N; k += 2) smallSymmetricEigenvaluesPair(mats[k], mats[k + 1], 4, a, b, w);
    });
    const ql = best(() => {
      for (let k = 0; k < N; k++) symmetricEigenvaluesWellScaled(mats[k], 4, a, work);
    });
    console.log(`4 x 4 Gram: polynomial ${ns(one, N)}, paired ${ns(pair, N)} a matrix, tridiagonal QL ${ns(ql, N)}`);
  },
  tri() {
    for (const n of [8, 16]) {
      const N = 1000,
        mats = grams(n, N),
        d = new Float64Array(n),
        e = new Float64Array(n),
        copy = new Float64Array(n * n + n),
        kernel = tridiagonalKernel(n);
      const a = best(() => {
        for (let k = 0; k < N; k++) kernel(mats[k], d, e, 0);
      });
      const b = best(() => {
        for (let k = 0; k < N; k++) {
          copy.set(mats[k]);
          tridiagonalValues(copy, n, d, copy, n * n);
        }
      });
      console.log(`tridiagonalisation n = ${n}: straight-line ${ns(a, N)}, loop ${ns(b, N)}`);
    }
  },
  gram() {
    const cases: Array<[string, number, number, Uint8Array | undefined]> = [
      ['dense 4 x 128 (tanh m = 64)', 4, 128, undefined],
      ['deep d = 4 (4 x 20)', 4, 20, patternOf(4, 20, (i, j) => (j < 16 ? j % 4 === i : true))],
      ['deep d = 16 (16 x 272)', 16, 272, patternOf(16, 272, (i, j) => (j < 256 ? j % 16 === i : true))],
    ];
    for (const [name, q, p, pattern] of cases) {
      const lay = compactLayout(q, p, pattern),
        plan = gramPlan(lay),
        N = 2000;
      const v = Float64Array.from({ length: N * lay.nonZeros }, next),
        G = new Float64Array(plan.g * plan.g);
      const generated = generateGramKernel(plan.g, plan.pairI, plan.pairJ, plan.start, plan.runs);
      const t = (f: GramKernel | undefined): string =>
        f
          ? ns(
              best(() => {
                for (let k = 0; k < N; k++) f(v, k * lay.nonZeros, G);
              }, 100),
              N,
            )
          : '-';
      console.log(
        `Gram ${name}: chosen ${t(gramWriter(lay, plan))}, generated ${t(generated)}, run table ${t(runTable(plan))}`,
      );
    }
  },
  pwk() {
    for (const n of [8, 16]) {
      const N = 1000,
        mats = grams(n, N),
        a = new Float64Array(n),
        b = new Float64Array(n),
        wa = new Float64Array(n * (n + 2)),
        wb = new Float64Array(n * (n + 2));
      const one = best(() => {
        for (let k = 0; k < N; k++) symmetricEigenvaluesWellScaled(mats[k], n, a, wa);
      }, 100);
      const pair = best(() => {
        for (let k = 0; k + 1 < N; k += 2) symmetricEigenvaluesWellScaledPair(mats[k], mats[k + 1], n, a, b, wa, wb);
      }, 100);
      console.log(`Gram eigenvalues n = ${n}: one at a time ${ns(one, N)}, paired ${ns(pair, N)} a matrix`);
    }
  },
};

const only = process.argv[2];
for (const [name, run] of Object.entries(cases)) if (!only || only === name) run();
