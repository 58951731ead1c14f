// The canonical loss L(θ) on a 2-D slice of θ-space: the contours the Training view draws behind the trajectories.
import type { CompiledObjective } from './compileObjective';

/** L(θ) on an nx x ny grid of two coordinates of θ, the others held at `base`. */
export interface LossSlice {
  /** The two coordinates of θ (0-based output indices) on the x and y axes. */
  coords: [number, number];
  x: number[];
  y: number[];
  /** L at (x[i], y[j]), row-major: index j * nx + i; non-finite values as NaN. */
  loss: number[];
}

/**
 * L(θ) over [x0, x1] x [y0, y1] in coordinates `coords`, every other coordinate of θ at `base` (the run's θ_0), by one
 * batch through the objective's canonical evaluator (never through W: contours of L in θ exist for any ψ).
 */
export function lossSlice(
  obj: CompiledObjective,
  base: ArrayLike<number>,
  coords: [number, number],
  range: { x: [number, number]; y: [number, number] },
  steps = 48,
): LossSlice {
  const q = obj.q;
  const [cx, cy] = coords;
  const axis = ([a, b]: [number, number]) => Array.from({ length: steps }, (_, i) => a + ((b - a) * i) / (steps - 1));
  const x = axis(range.x),
    y = axis(range.y);
  const n = steps * steps;
  const theta = new Float64Array(n * q);
  for (let j = 0; j < steps; j++)
    for (let i = 0; i < steps; i++) {
      const o = (j * steps + i) * q;
      for (let k = 0; k < q; k++) theta[o + k] = base[k];
      theta[o + cx] = x[i];
      theta[o + cy] = y[j];
    }
  const loss = new Float64Array(n);
  obj.canonical(theta, n, loss, null);
  return { coords, x, y, loss: Array.from(loss, (v) => (Number.isFinite(v) ? v : NaN)) };
}

/** The box of the points (x, y) padded by 15% of its span on each side (at least 0.5 when it is a single point). */
export function paddedBox(xs: readonly number[], ys: readonly number[]): { x: [number, number]; y: [number, number] } {
  const pad = (v: readonly number[]): [number, number] => {
    const finite = v.filter(Number.isFinite);
    const lo = Math.min(...finite),
      hi = Math.max(...finite);
    const d = Math.max(0.15 * (hi - lo), hi === lo ? 0.5 : 0);
    return [lo - d, hi + d];
  };
  return { x: pad(xs), y: pad(ys) };
}
