// Contour lines of a function sampled on a grid (the canonical loss behind the Training view's θ paths): marching
// squares per cell with linear interpolation along the edges, levels spaced evenly in log L. Pure: no DOM.

/** A sampled function: values row-major (index j * nx + i) at x[i], y[j]; null or NaN where not finite. */
export interface SampledGrid {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  loss: ArrayLike<number | null>;
}

/** `count` levels between the smallest positive and the largest value, evenly spaced in log (none if flat). */
export function contourLevels(g: SampledGrid, count = 10): number[] {
  let lo = Infinity,
    hi = -Infinity;
  for (let k = 0; k < g.loss.length; k++) {
    const v = g.loss[k];
    if (v === null || !Number.isFinite(v)) continue;
    if (v > 0) lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo) || !Number.isFinite(lo)) return [];
  const a = Math.log(lo),
    b = Math.log(hi);
  return Array.from({ length: count }, (_, i) => Math.exp(a + ((b - a) * (i + 0.5)) / count));
}

/** The segments [x0, y0, x1, y1] (in the grid's coordinates) where the sampled function crosses `level`. */
export function isolineSegments(g: SampledGrid, level: number): Array<[number, number, number, number]> {
  const nx = g.x.length,
    ny = g.y.length;
  const out: Array<[number, number, number, number]> = [];
  const at = (i: number, j: number): number => {
    const v = g.loss[j * nx + i];
    return v === null ? NaN : v - level;
  };
  for (let j = 0; j + 1 < ny; j++)
    for (let i = 0; i + 1 < nx; i++) {
      // Corners in order around the cell: (i, j), (i+1, j), (i+1, j+1), (i, j+1).
      const c: Array<[number, number, number]> = [
        [g.x[i], g.y[j], at(i, j)],
        [g.x[i + 1], g.y[j], at(i + 1, j)],
        [g.x[i + 1], g.y[j + 1], at(i + 1, j + 1)],
        [g.x[i], g.y[j + 1], at(i, j + 1)],
      ];
      if (c.some((p) => !Number.isFinite(p[2]))) continue;
      const cuts: Array<[number, number]> = [];
      for (let e = 0; e < 4; e++) {
        const [x0, y0, f0] = c[e],
          [x1, y1, f1] = c[(e + 1) % 4];
        if (f0 < 0 === f1 < 0) continue;
        const t = f0 / (f0 - f1);
        cuts.push([x0 + t * (x1 - x0), y0 + t * (y1 - y0)]);
      }
      // Two crossings: one segment; four (a saddle cell): pair them in order, as the cell's rim gives them.
      for (let k = 0; k + 1 < cuts.length; k += 2) out.push([cuts[k][0], cuts[k][1], cuts[k + 1][0], cuts[k + 1][1]]);
    }
  return out;
}
