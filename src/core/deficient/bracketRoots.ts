/**
 * Roots of many scalar functions on [0, 1], each given its end values f(0), f(1) of opposite signs, solved in lockstep
 * by the Illinois variant of regula falsi so that every iteration evaluates all unfinished brackets in one batch
 * (`evaluate(jobs, ts, m, out)`: job jobs[i] at t = ts[i] for i < m). Stops a bracket when it is narrower than
 * `tol`, its last step moved less than `tol`, or it hit an exact zero; a NaN value abandons it. Returns t per job
 * (NaN if abandoned) and |f| at that t.
 */
export function bracketRoots(
  f0: Float64Array,
  f1: Float64Array,
  evaluate: (jobs: Int32Array, ts: Float64Array, m: number, out: Float64Array) => void,
  tol = 1e-13,
  maxIterations = 80,
): { t: Float64Array; residual: Float64Array } {
  const n = f0.length;
  const a = new Float64Array(n),
    b = new Float64Array(n).fill(1),
    fa = Float64Array.from(f0),
    fb = Float64Array.from(f1),
    side = new Int8Array(n),
    last = new Float64Array(n).fill(NaN);
  const t = new Float64Array(n).fill(NaN),
    residual = new Float64Array(n).fill(NaN);
  let active = Int32Array.from({ length: n }, (_, i) => i);
  const ts = new Float64Array(n),
    out = new Float64Array(n);
  for (let it = 0; it < maxIterations && active.length > 0; it++) {
    const m = active.length;
    for (let k = 0; k < m; k++) {
      const i = active[k];
      let x = (a[i] * fb[i] - b[i] * fa[i]) / (fb[i] - fa[i]);
      // Every fourth step bisects, which bounds the worst case whatever the shape of f.
      if (!(x > a[i] && x < b[i]) || it % 4 === 3) x = 0.5 * (a[i] + b[i]);
      ts[k] = x;
    }
    evaluate(active, ts, m, out);
    const next: number[] = [];
    for (let k = 0; k < m; k++) {
      const i = active[k],
        x = ts[k],
        f = out[k];
      if (Number.isNaN(f)) continue;
      const moved = Math.abs(x - last[i]);
      last[i] = x;
      if (f === 0 || f < 0 === fa[i] < 0) {
        a[i] = x;
        fa[i] = f;
        if (side[i] === -1) fb[i] /= 2;
        side[i] = -1;
      } else {
        b[i] = x;
        fb[i] = f;
        if (side[i] === 1) fa[i] /= 2;
        side[i] = 1;
      }
      if (f === 0 || b[i] - a[i] <= tol || moved <= tol) {
        t[i] = x;
        residual[i] = Math.abs(f);
      } else next.push(i);
    }
    active = Int32Array.from(next);
  }
  for (const i of active) {
    t[i] = 0.5 * (a[i] + b[i]);
    residual[i] = Math.min(Math.abs(fa[i]), Math.abs(fb[i]));
  }
  return { t, residual };
}

/**
 * Golden-section minimum of f on [lo, hi] (for valleys with no sign change); stops early once f <= `enough`, and,
 * given a bound `slope` on |f'| near the valley, as soon as the bracket is too narrow for f to reach 0 in it
 * (min f > 4 · slope · width: a valley with a positive floor, not a zero).
 */
export function goldenMinimum(
  f: (t: number) => number,
  lo: number,
  hi: number,
  enough: number,
  iterations = 70,
  slope = Infinity,
): { t: number; value: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo),
    x2 = lo + g * (hi - lo);
  let f1 = f(x1),
    f2 = f(x2);
  for (let i = 0; i < iterations && Math.min(f1, f2) > enough; i++) {
    if (Math.min(f1, f2) > 4 * slope * (hi - lo)) break;
    if (f1 <= f2) {
      hi = x2;
      [x2, f2] = [x1, f1];
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      [x1, f1] = [x2, f2];
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 <= f2 ? { t: x1, value: f1 } : { t: x2, value: f2 };
}
