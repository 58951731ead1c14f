// Log-log slopes with an honest interval: least squares of log y on log x and Student's t for the slope.

/** A fitted slope and its 95% interval (low, high null with fewer than 3 points). */
export interface SlopeFit {
  value: number;
  low: number | null;
  high: number | null;
  /** Points used (finite and positive x and y). */
  points: number;
}

// Two-sided 95% quantiles t_{0.975, df} for df = 1..30 (above: the normal's 1.96 is within 2%).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t_{0.975, df}. */
export function tQuantile975(df: number): number {
  return df <= T975.length ? T975[df - 1] : 1.96;
}

/**
 * The slope of log y against log x by least squares, with value ± t_{0.975, k-2} · se, se² = (RSS / (k - 2)) / Sxx.
 * Pairs with a non-positive or non-finite coordinate are left out (a log cannot hold them); NaN below 2 points.
 */
export function logLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): SlopeFit {
  const lx: number[] = [],
    ly: number[] = [];
  for (let i = 0; i < xs.length; i++)
    if (xs[i] > 0 && ys[i] > 0 && Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      lx.push(Math.log(xs[i]));
      ly.push(Math.log(ys[i]));
    }
  const k = lx.length;
  if (k < 2) return { value: NaN, low: null, high: null, points: k };
  const mx = lx.reduce((a, b) => a + b, 0) / k,
    my = ly.reduce((a, b) => a + b, 0) / k;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < k; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  if (sxx === 0) return { value: NaN, low: null, high: null, points: k };
  const value = sxy / sxx;
  if (k < 3) return { value, low: null, high: null, points: k };
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (ly[i] - my - value * (lx[i] - mx)) ** 2;
  const half = tQuantile975(k - 2) * Math.sqrt(rss / (k - 2) / sxx);
  return { value, low: value - half, high: value + half, points: k };
}
