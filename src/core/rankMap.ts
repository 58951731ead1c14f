import type { CompiledModel } from './model';
import { createBatchSpectrum, type BatchSpectrum } from './linalg/batchSingularValues';

/** One axis of a rank map: parameter column `param` swept from `from` to `to` in `steps` cells. */
export interface MapAxis {
  param: number;
  from: number;
  to: number;
  steps: number;
}

/** sigma_min, sigma_max and rank per cell, row-major (index = iy * xs.length + ix). */
export interface RankMapData {
  xs: Float64Array;
  ys: Float64Array;
  sMin: Float64Array;
  sMax: Float64Array;
  rank: Int32Array;
}

const spectra = new WeakMap<CompiledModel, BatchSpectrum>();
const BLOCK = 4096;

const linspace = (a: MapAxis): Float64Array =>
  Float64Array.from({ length: a.steps }, (_, i) =>
    a.steps === 1 ? a.from : a.from + ((a.to - a.from) * i) / (a.steps - 1),
  );

/**
 * The rank map of a 2-D slice of parameter space through `base` (the other parameters held fixed). Cells where J or
 * theta is not finite get NaN, NaN and rank -1.
 */
export function rankMap(model: CompiledModel, base: Float64Array, x: MapAxis, y: MapAxis, tol?: number): RankMapData {
  const { p, q } = model;
  let spectrum = spectra.get(model);
  if (!spectrum) {
    spectrum = createBatchSpectrum(q, p, model.pattern);
    spectra.set(model, spectrum);
  }
  const xs = linspace(x),
    ys = linspace(y);
  const n = xs.length * ys.length;
  const out: RankMapData = { xs, ys, sMin: new Float64Array(n), sMax: new Float64Array(n), rank: new Int32Array(n) };
  const nnz = model.nonZeros;
  const block = Math.max(1, Math.min(BLOCK, n, Math.floor(2_000_000 / Math.max(1, nnz))));
  // J in the compact layout: only its structural non-zeros are written and read.
  const W = new Float64Array(block * p),
    J = new Float64Array(block * nnz),
    theta = new Float64Array(block * q);
  for (let start = 0; start < n; start += block) {
    const m = Math.min(block, n - start);
    for (let k = 0; k < m; k++) {
      const cell = start + k;
      W.set(base, k * p);
      W[k * p + x.param] = xs[cell % xs.length];
      W[k * p + y.param] = ys[Math.floor(cell / xs.length)];
    }
    model.evaluateCompact(W, m, theta, J);
    spectrum.runCompact(
      J,
      m,
      out.sMin.subarray(start, start + m),
      out.sMax.subarray(start, start + m),
      out.rank.subarray(start, start + m),
      tol,
    );
    // Where theta itself is not finite (log w at w < 0) the model is undefined, whatever J says there.
    for (let k = 0; k < m; k++) {
      for (let i = k * q; i < (k + 1) * q; i++) {
        if (!Number.isFinite(theta[i])) {
          out.sMin[start + k] = out.sMax[start + k] = NaN;
          out.rank[start + k] = -1;
          break;
        }
      }
    }
  }
  return out;
}
