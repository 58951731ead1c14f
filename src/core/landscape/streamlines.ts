// Evenly spaced streamlines of a 2-D vector field in a box (the Landscape view's flow lines of -∇_W L on the slice
// and of -M ∇_θ L in canonical coordinates), in the manner of Jobard and Lefer (1997): seeds from a grid, each at
// least `separation` from every line drawn, integrated both ways by RK4 on the unit direction field (so the step is
// arc length, in box units), stopped at the box's edge, where the field is small against its typical size or turns
// back (a critical point), where it is undefined, or within half the separation of another line.
import type { PlaneBox, PlaneField } from './planeField';

export type { PlaneBox, PlaneField } from './planeField';
export { gridField } from './planeField';

/** Why a line ends: the box's edge, a critical point, an undefined field, another line, the step limit. */
export type StreamlineStop = 'edge' | 'critical' | 'undefined' | 'near' | 'length';

/** One line, along the field (x, y interleaved), and why it ends upstream and downstream. */
export interface Streamline {
  points: Float64Array;
  start: StreamlineStop;
  end: StreamlineStop;
}

/** Options of `streamlines`: lengths are fractions of the box's sides. */
export interface StreamlineOptions {
  /** Least distance of a seed from the lines drawn (default 0.05); lines stop at half of it from another. */
  separation?: number;
  /** RK4 step in arc length (default separation / 5). */
  step?: number;
  /** A line stops where the field's size is below this fraction of its median over the seeds (default 1e-3). */
  minSpeed?: number;
  /** Most steps each way (default 8 / step). */
  maxSteps?: number;
  /** Called between lines (it may throw to stop). */
  check?: () => void;
}

/** Points of finished lines, hashed by cell of side `cell` in box units. */
class Occupancy {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly cell: number) {}
  private key(x: number, y: number): number {
    return Math.floor(y / this.cell) * 100_003 + Math.floor(x / this.cell);
  }
  add(x: number, y: number): void {
    const k = this.key(x, y);
    const c = this.cells.get(k);
    if (c) c.push(x, y);
    else this.cells.set(k, [x, y]);
  }
  /** A point of a finished line within r (r <= cell) of (x, y). */
  near(x: number, y: number, r: number): boolean {
    const cx = Math.floor(x / this.cell),
      cy = Math.floor(y / this.cell);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const c = this.cells.get((cy + dy) * 100_003 + cx + dx);
        if (!c) continue;
        for (let k = 0; k < c.length; k += 2) if ((c[k] - x) ** 2 + (c[k + 1] - y) ** 2 < r * r) return true;
      }
    return false;
  }
}

/** The tracer: the field in box units [0, 1]², its unit direction, and one RK4 half-line from a seed. */
class Tracer {
  private readonly f = new Float64Array(2);
  private readonly k = new Float64Array(2);
  private readonly wx: number;
  private readonly wy: number;
  /** Below this size (box units) the field counts as zero. */
  slow = 0;

  constructor(
    private readonly field: PlaneField,
    private readonly box: PlaneBox,
  ) {
    this.wx = box.x1 - box.x0;
    this.wy = box.y1 - box.y0;
  }

  /** The field's size at (X, Y) in box units, its unit direction (times `sign`) in d; NaN where undefined. */
  dir(X: number, Y: number, sign: number, d: Float64Array): number {
    if (!this.field(this.box.x0 + X * this.wx, this.box.y0 + Y * this.wy, this.f)) return NaN;
    const a = this.f[0] / this.wx,
      b = this.f[1] / this.wy;
    const n = Math.hypot(a, b);
    if (!(n > this.slow)) return n;
    d[0] = (sign * a) / n;
    d[1] = (sign * b) / n;
    return n;
  }

  /** One RK4 step of arc length h from (X, Y) into out; 'slow' or 'undefined' when a stage is. */
  private rk4(X: number, Y: number, sign: number, h: number, out: Float64Array): 'ok' | 'slow' | 'undefined' {
    const k = this.k;
    let sx = 0,
      sy = 0,
      px = X,
      py = Y,
      fx = 0,
      fy = 0;
    for (let s = 0; s < 4; s++) {
      const n = this.dir(px, py, sign, k);
      if (Number.isNaN(n)) return 'undefined';
      // A stage turned back (or a critical point inside the step): 'slow', so the step shrinks.
      if (!(n > this.slow) || (s > 0 && k[0] * fx + k[1] * fy < 0)) return 'slow';
      if (s === 0) {
        fx = k[0];
        fy = k[1];
      }
      const w = s === 0 || s === 3 ? 1 : 2;
      sx += w * k[0];
      sy += w * k[1];
      const f = s < 2 ? h / 2 : h;
      px = X + f * k[0];
      py = Y + f * k[1];
    }
    out[0] = X + (h / 6) * sx;
    out[1] = Y + (h / 6) * sy;
    return 'ok';
  }

  /**
   * Points (box units) from (X, Y) along sign · field until a stop; the seed is the first point. Steps of arc length
   * at most h, halved until a full step and two half steps agree to TOLERANCE (so the line follows the flow where it
   * bends near a critical point); a step below h · MIN_STEP, or the field turning back, is a critical point.
   */
  trace(
    X: number,
    Y: number,
    sign: number,
    h: number,
    maxSteps: number,
    stopNear: (X: number, Y: number) => boolean,
  ): { pts: number[]; stop: StreamlineStop } {
    const pts = [X, Y];
    const d = new Float64Array(2),
      prev = new Float64Array(2),
      full = new Float64Array(2),
      half = new Float64Array(2),
      two = new Float64Array(2);
    let step = h;
    for (let n = 0; n < maxSteps; n++) {
      const s0 = this.dir(X, Y, sign, d);
      if (Number.isNaN(s0)) return { pts, stop: 'undefined' };
      if (!(s0 > this.slow) || (n > 0 && d[0] * prev[0] + d[1] * prev[1] < 0)) return { pts, stop: 'critical' };
      prev.set(d);
      // Leaving the box within this step: the step to the edge (along the Euler segment) ends the line.
      const ex = X + step * d[0],
        ey = Y + step * d[1];
      if (!(ex >= 0 && ex <= 1 && ey >= 0 && ey <= 1)) {
        const tx = ex < 0 ? X / (X - ex) : ex > 1 ? (1 - X) / (ex - X) : 1,
          ty = ey < 0 ? Y / (Y - ey) : ey > 1 ? (1 - Y) / (ey - Y) : 1;
        const t = Math.min(tx, ty);
        // The clipped step by RK4 where it can (the Euler point otherwise), its end put on the edge it crosses.
        const ok = this.rk4(X, Y, sign, t * step, full) === 'ok';
        let cx = clamp01(ok ? full[0] : X + t * (ex - X)),
          cy = clamp01(ok ? full[1] : Y + t * (ey - Y));
        if (tx <= ty) cx = ex < 0 ? 0 : 1;
        else cy = ey < 0 ? 0 : 1;
        if (Number.isNaN(this.dir(cx, cy, sign, d))) return { pts, stop: 'undefined' };
        pts.push(cx, cy);
        return { pts, stop: 'edge' };
      }
      for (;;) {
        let why = this.rk4(X, Y, sign, step, full);
        if (why === 'ok') why = this.rk4(X, Y, sign, step / 2, half);
        if (why === 'ok') why = this.rk4(half[0], half[1], sign, step / 2, two);
        const err = why === 'ok' ? Math.hypot(full[0] - two[0], full[1] - two[1]) : Infinity;
        if (err <= TOLERANCE) {
          if (err < TOLERANCE / 32) step = Math.min(h, 2 * step);
          break;
        }
        step /= 2;
        if (step < h * MIN_STEP) return { pts, stop: why === 'undefined' ? 'undefined' : 'critical' };
      }
      if (!(two[0] >= 0 && two[0] <= 1 && two[1] >= 0 && two[1] <= 1)) {
        pts.push(clamp01(two[0]), clamp01(two[1]));
        return { pts, stop: 'edge' };
      }
      if (stopNear(two[0], two[1])) return { pts, stop: 'near' };
      X = two[0];
      Y = two[1];
      pts.push(X, Y);
    }
    return { pts, stop: 'length' };
  }
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
/** Largest disagreement (box units) of a full RK4 step and two half steps. */
const TOLERANCE = 1e-7;
/** Smallest step, as a fraction of the longest. */
const MIN_STEP = 1e-4;

/** Box units to data units, the upstream half reversed so the line runs along the field. */
function joined(box: PlaneBox, up: number[], down: number[]): Float64Array {
  const n = up.length / 2 - 1 + down.length / 2;
  const out = new Float64Array(2 * n);
  const wx = box.x1 - box.x0,
    wy = box.y1 - box.y0;
  let k = 0;
  for (let i = up.length - 2; i >= 2; i -= 2) {
    out[k++] = box.x0 + up[i] * wx;
    out[k++] = box.y0 + up[i + 1] * wy;
  }
  for (let i = 0; i < down.length; i += 2) {
    out[k++] = box.x0 + down[i] * wx;
    out[k++] = box.y0 + down[i + 1] * wy;
  }
  return out;
}

/** Median of the field's finite sizes (box units) at a grid of seeds; 0 when none is finite. */
function typicalSpeed(tracer: Tracer, seeds: number): number {
  const d = new Float64Array(2);
  const sizes: number[] = [];
  for (let j = 0; j < seeds; j++)
    for (let i = 0; i < seeds; i++) {
      const s = tracer.dir((i + 0.5) / seeds, (j + 0.5) / seeds, 1, d);
      if (Number.isFinite(s)) sizes.push(s);
    }
  sizes.sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0;
}

const defaults = (o: StreamlineOptions) => {
  const separation = o.separation ?? 0.05;
  const step = o.step ?? separation / 5;
  return { separation, step, minSpeed: o.minSpeed ?? 1e-3, maxSteps: o.maxSteps ?? Math.ceil(8 / step) };
};

/** The one line through `seed` (data units), both ways, with no separation test. */
export function streamlineFrom(
  field: PlaneField,
  box: PlaneBox,
  seed: [number, number],
  options: StreamlineOptions = {},
): Streamline {
  const o = defaults(options);
  const tracer = new Tracer(field, box);
  tracer.slow = o.minSpeed * typicalSpeed(tracer, 16);
  const X = (seed[0] - box.x0) / (box.x1 - box.x0),
    Y = (seed[1] - box.y0) / (box.y1 - box.y0);
  const down = tracer.trace(X, Y, 1, o.step, o.maxSteps, () => false);
  const up = tracer.trace(X, Y, -1, o.step, o.maxSteps, () => false);
  return { points: joined(box, up.pts, down.pts), start: up.stop, end: down.stop };
}

/** Evenly spaced streamlines of `field` in `box` (see the file's comment); lines of fewer than 3 points dropped. */
export function streamlines(field: PlaneField, box: PlaneBox, options: StreamlineOptions = {}): Streamline[] {
  const o = defaults(options);
  const tracer = new Tracer(field, box);
  const seeds = Math.max(2, Math.round(1 / o.separation));
  tracer.slow = o.minSpeed * typicalSpeed(tracer, seeds);
  const taken = new Occupancy(o.separation);
  const near = (X: number, Y: number) => taken.near(X, Y, o.separation / 2);
  const lines: Streamline[] = [];
  for (let j = 0; j < seeds; j++)
    for (let i = 0; i < seeds; i++) {
      const X = (i + 0.5) / seeds,
        Y = (j + 0.5) / seeds;
      if (taken.near(X, Y, o.separation)) continue;
      options.check?.();
      const down = tracer.trace(X, Y, 1, o.step, o.maxSteps, near);
      const up = tracer.trace(X, Y, -1, o.step, o.maxSteps, near);
      if (up.pts.length / 2 + down.pts.length / 2 - 1 < 3) continue;
      for (const half of [up.pts, down.pts]) for (let k = 0; k < half.length; k += 2) taken.add(half[k], half[k + 1]);
      lines.push({ points: joined(box, up.pts, down.pts), start: up.stop, end: down.stop });
    }
  return lines;
}
