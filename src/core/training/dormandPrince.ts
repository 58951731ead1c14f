// Dormand & Prince (1980) RK5(4)7M: seven stages with first-same-as-last, the 5th-order solution propagated, the
// embedded 4th-order one used only for the error estimate (Hairer, Nørsett & Wanner, Solving ODEs I, II.4-5).

/** Tolerances and limits of the integrator. */
export interface OdeOptions {
  /** Relative and absolute tolerance per component: |err_i| <= atol + rtol * max(|y_i|, |y_new_i|) in RMS. */
  rtol: number;
  atol: number;
  /** First step (default: Hairer's starting-step estimate). */
  h0?: number;
  /** Largest number of accepted steps (default 1,000,000). */
  maxSteps?: number;
}

/** How an integration ended. */
export type OdeStatus = 'done' | 'stopped' | 'maxSteps' | 'stepTooSmall';

const A21 = 1 / 5;
const [A31, A32] = [3 / 40, 9 / 40];
const [A41, A42, A43] = [44 / 45, -56 / 15, 32 / 9];
const [A51, A52, A53, A54] = [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729];
const [A61, A62, A63, A64, A65] = [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656];
const [B1, B3, B4, B5, B6] = [35 / 384, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84];
// b - b̂ (5th minus 4th order weights).
const [E1, E3, E4, E5, E6, E7] = [71 / 57600, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];
const [C2, C3, C4, C5] = [1 / 5, 3 / 10, 4 / 5, 8 / 9];

/**
 * Integrates y' = f(t, y) from t0 to t1 in place (y ends at the last accepted state). `onStep(t, y)` is called after
 * each accepted step, right after f was evaluated at that very (t, y) (first same as last), and stops the run by
 * returning false. Step control: h_new = h · min(10, max(0.2, 0.9 err^(-1/5))), no growth right after a rejection.
 */
export function dormandPrince(
  f: (t: number, y: Float64Array, dy: Float64Array) => void,
  y: Float64Array,
  t0: number,
  t1: number,
  options: OdeOptions,
  onStep: (t: number, y: Float64Array) => boolean,
): { t: number; steps: number; rejected: number; status: OdeStatus } {
  const n = y.length;
  const { rtol, atol } = options;
  const maxSteps = options.maxSteps ?? 1_000_000;
  const [k1, k2, k3, k4, k5, k6, k7, yt, yn] = Array.from({ length: 9 }, () => new Float64Array(n));
  const rms = (x: Float64Array, scaleFrom: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const r = x[i] / (atol + rtol * Math.abs(scaleFrom[i]));
      s += r * r;
    }
    return Math.sqrt(s / Math.max(1, n));
  };
  let t = t0;
  f(t, y, k1);
  let h = options.h0 ?? 0;
  if (!(h > 0)) {
    const d0 = rms(y, y),
      d1 = rms(k1, y);
    const g = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    for (let i = 0; i < n; i++) yt[i] = y[i] + g * k1[i];
    f(t + g, yt, k2);
    for (let i = 0; i < n; i++) k3[i] = (k2[i] - k1[i]) / g;
    const d2 = rms(k3, y);
    const big = Math.max(d1, d2);
    const g1 = big <= 1e-15 ? Math.max(1e-6, g * 1e-3) : Math.pow(0.01 / big, 1 / 5);
    h = Math.min(100 * g, g1);
    f(t, y, k1);
  }
  let steps = 0,
    rejected = 0,
    justRejected = false;
  while (t < t1) {
    if (steps >= maxSteps) return { t, steps, rejected, status: 'maxSteps' };
    const last = t + h >= t1;
    if (last) h = t1 - t;
    if (h <= 1e-14 * Math.max(1, Math.abs(t))) return { t, steps, rejected, status: 'stepTooSmall' };
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * A21 * k1[i];
    f(t + C2 * h, yt, k2);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    f(t + C3 * h, yt, k3);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    f(t + C4 * h, yt, k4);
    for (let i = 0; i < n; i++) yt[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    f(t + C5 * h, yt, k5);
    for (let i = 0; i < n; i++)
      yt[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    f(t + h, yt, k6);
    for (let i = 0; i < n; i++) yn[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
    f(t + h, yn, k7);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const r = e / (atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yn[i])));
      s += r * r;
    }
    const err = Math.sqrt(s / Math.max(1, n));
    if (err <= 1) {
      t = last ? t1 : t + h;
      y.set(yn);
      k1.set(k7);
      steps++;
      if (!onStep(t, y)) return { t, steps, rejected, status: 'stopped' };
      const grow = err === 0 ? 10 : Math.min(10, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      h *= justRejected ? Math.min(1, grow) : grow;
      justRejected = false;
    } else {
      rejected++;
      justRejected = true;
      // A non-finite error (the right-hand side blew up inside the step) shrinks the step as far as allowed.
      h *= Number.isFinite(err) ? Math.max(0.2, 0.9 * Math.pow(err, -0.2)) : 0.2;
    }
  }
  return { t, steps, rejected, status: 'done' };
}
