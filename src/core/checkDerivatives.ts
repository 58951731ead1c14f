import type { CompiledModel } from './model';
import { mulberry32 } from './random';

/** One Jacobian entry where the symbolic value and central differences disagree. */
export interface DerivativeMismatch {
  row: number;
  col: number;
  symbolic: number;
  numeric: number;
  at: Float64Array;
}

/**
 * Compares the symbolic J with central differences of theta at a few random points (where theta is finite),
 * on at most `maxColumns` columns per point. A mismatch means the symbolic derivative is wrong (or the model is
 * not smooth there); it is reported, never silently used.
 */
export function checkDerivatives(
  model: CompiledModel,
  points = 3,
  maxColumns = 48,
  seed = 12345,
): DerivativeMismatch[] {
  const { p, q } = model;
  const rand = mulberry32(seed);
  const mismatches: DerivativeMismatch[] = [];
  const x = new Float64Array(p),
    theta = new Float64Array(q),
    J = new Float64Array(q * p);
  let checked = 0;
  for (let attempt = 0; attempt < points * 8 && checked < points; attempt++) {
    for (let j = 0; j < p; j++) x[j] = 0.3 + 1.2 * rand() * (rand() < 0.5 ? -1 : 1);
    model.evaluate(x, 1, theta, J);
    if (!theta.every(Number.isFinite) || !J.every(Number.isFinite)) continue;
    checked++;
    const cols =
      p <= maxColumns
        ? Array.from({ length: p }, (_, j) => j)
        : Array.from({ length: maxColumns }, () => Math.floor(rand() * p));
    // Central differences at steps h and h/2 (four evaluations per column), combined by Richardson extrapolation;
    // their disagreement estimates the truncation error, so a fast oscillation (sin(3000 x)) widens the tolerance
    // instead of raising a false alarm, while a wrong derivative (off by O(1)) still stands out.
    const W = new Float64Array(4 * cols.length * p),
      T = new Float64Array(4 * cols.length * q);
    const h = cols.map((j) => 1e-4 * Math.max(1, Math.abs(x[j])));
    const steps = (c: number) => [h[c], -h[c], h[c] / 2, -h[c] / 2];
    cols.forEach((j, c) =>
      steps(c).forEach((d, s) => {
        W.set(x, (4 * c + s) * p);
        W[(4 * c + s) * p + j] += d;
      }),
    );
    model.evaluate(W, 4 * cols.length, T, null);
    cols.forEach((j, c) => {
      for (let k = 0; k < q; k++) {
        const t = (s: number) => T[(4 * c + s) * q + k];
        const d1 = (t(0) - t(1)) / (2 * h[c]),
          d2 = (t(2) - t(3)) / h[c];
        const fd = (4 * d2 - d1) / 3;
        const sym = J[k * p + j];
        // Round-off of the differences (~eps |theta| / h) plus the truncation estimate |d2 - d1|.
        const tolerance = 1e-5 * (1 + Math.abs(sym)) + (1e-12 * Math.abs(theta[k])) / h[c] + 4 * Math.abs(d2 - d1);
        if (Number.isFinite(fd) && Math.abs(fd - sym) > tolerance)
          mismatches.push({ row: k, col: j, symbolic: sym, numeric: fd, at: Float64Array.from(x) });
      }
    });
  }
  return mismatches;
}
