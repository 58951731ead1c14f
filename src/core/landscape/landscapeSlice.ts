// The loss landscape on a 2-D slice of parameter space through a base point (the panel's Landscape view): L(W) on a
// fine grid for contours, -∇_W L on a coarser grid for arrows, and ‖J‖ and σ_min(J) on the fine grid for the
// exploding/vanishing-gradient heat map. Every value comes from the compiled objective's batch evaluation (one call
// per block of points) and the rank map's batch singular values.
import type { MapAxis } from '../rankMap';
import { rankMap } from '../rankMap';
import type { CompiledObjective } from '../objective/compileObjective';

/** One axis of the slice: parameter column `param` from `from` to `to` (inclusive). */
export interface SliceAxis {
  param: number;
  from: number;
  to: number;
}

/** The sampled slice; grids are row-major (index j * x.length + i at x[i], y[j]). */
export interface LandscapeSlice {
  x: SliceAxis;
  y: SliceAxis;
  /** The point the slice goes through (its other coordinates). */
  base: number[];
  /** The fine grid's centres and L, ‖J‖ (largest singular value), σ_min (over min(q, p) values) on it. */
  xs: number[];
  ys: number[];
  loss: number[];
  opNorm: number[];
  sigmaMin: number[];
  /** The coarse grid's centres and -∇_W L's two components along the axes. */
  ax: number[];
  ay: number[];
  dx: number[];
  dy: number[];
}

const linspace = (a: SliceAxis, n: number): number[] =>
  Array.from({ length: n }, (_, i) => (n === 1 ? a.from : a.from + ((a.to - a.from) * i) / (n - 1)));

/** Most points per batch call (bounds the buffers: block · (p + q) doubles). */
const BLOCK = 2048;

/** L and ∇_W L at the grid xs x ys through `base`, in blocks through obj.evaluate. */
function evaluateGrid(
  obj: CompiledObjective,
  base: Float64Array,
  x: SliceAxis,
  y: SliceAxis,
  xs: number[],
  ys: number[],
  withGrad: boolean,
  check?: () => void,
): { loss: Float64Array; grad: Float64Array | null } {
  const { p } = obj;
  const n = xs.length * ys.length;
  const loss = new Float64Array(n);
  const grad = withGrad ? new Float64Array(n * p) : null;
  const block = Math.max(1, Math.min(BLOCK, n));
  const W = new Float64Array(block * p);
  for (let start = 0; start < n; start += block) {
    check?.();
    const m = Math.min(block, n - start);
    for (let k = 0; k < m; k++) {
      const cell = start + k;
      W.set(base, k * p);
      W[k * p + x.param] = xs[cell % xs.length];
      W[k * p + y.param] = ys[Math.floor(cell / xs.length)];
    }
    const Wm = W.subarray(0, m * p);
    obj.evaluate(Wm, m, loss.subarray(start, start + m), grad ? grad.subarray(start * p, (start + m) * p) : null);
  }
  return { loss, grad };
}

/**
 * The slice of L through `base` along axes x and y: L, ‖J‖ and σ_min(J) on a `steps` x `steps` grid, -∇_W L's
 * components along x and y on an `arrows` x `arrows` grid. Non-finite values stay NaN (JSON carries them as null).
 * `check` is called between blocks (it may throw to stop).
 */
export function landscapeSlice(
  obj: CompiledObjective,
  base: Float64Array,
  x: SliceAxis,
  y: SliceAxis,
  steps: number,
  arrows: number,
  check?: () => void,
): LandscapeSlice {
  const xs = linspace(x, steps),
    ys = linspace(y, steps);
  const fine = evaluateGrid(obj, base, x, y, xs, ys, false, check);
  const ax = linspace(x, arrows),
    ay = linspace(y, arrows);
  const coarse = evaluateGrid(obj, base, x, y, ax, ay, true, check);
  const p = obj.p;
  const na = ax.length * ay.length;
  const dx = Array.from({ length: na }, (_, k) => -coarse.grad![k * p + x.param]);
  const dy = Array.from({ length: na }, (_, k) => -coarse.grad![k * p + y.param]);
  check?.();
  const axis = (a: SliceAxis): MapAxis => ({ param: a.param, from: a.from, to: a.to, steps });
  const map = rankMap(obj.model, base, axis(x), axis(y));
  return {
    x,
    y,
    base: Array.from(base),
    xs,
    ys,
    loss: Array.from(fine.loss),
    opNorm: Array.from(map.sMax),
    sigmaMin: Array.from(map.sMin),
    ax,
    ay,
    dx,
    dy,
  };
}
