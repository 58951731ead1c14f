// A vector field on a plane, as the streamline tracer reads it (src/core/landscape/streamlines.ts): a function of
// (x, y), and the box it is drawn in; from samples on a uniform grid by bilinear interpolation.

/** A field on the plane: writes its value at (x, y) into out[0], out[1]; false where it is undefined there. */
export type PlaneField = (x: number, y: number, out: Float64Array) => boolean;

/** The box the lines stay in. */
export interface PlaneBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Bilinear interpolation of (u, v) sampled on the uniform grid xs x ys (row-major, j * xs.length + i). */
export function gridField(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
): PlaneField {
  const nx = xs.length,
    ny = ys.length;
  const x0 = xs[0],
    hx = (xs[nx - 1] - x0) / (nx - 1),
    y0 = ys[0],
    hy = (ys[ny - 1] - y0) / (ny - 1);
  return (x, y, out) => {
    const fx = (x - x0) / hx,
      fy = (y - y0) / hy;
    if (!(fx >= 0 && fx <= nx - 1 && fy >= 0 && fy <= ny - 1)) return false;
    const i = Math.min(nx - 2, Math.floor(fx)),
      j = Math.min(ny - 2, Math.floor(fy));
    const s = fx - i,
      t = fy - j;
    const k = j * nx + i;
    const w00 = (1 - s) * (1 - t),
      w10 = s * (1 - t),
      w01 = (1 - s) * t,
      w11 = s * t;
    out[0] = w00 * u[k] + w10 * u[k + 1] + w01 * u[k + nx] + w11 * u[k + nx + 1];
    out[1] = w00 * v[k] + w10 * v[k + 1] + w01 * v[k + nx] + w11 * v[k + nx + 1];
    return Number.isFinite(out[0]) && Number.isFinite(out[1]);
  };
}
