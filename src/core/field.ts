/** A grid of canonical gradients and where the parameterization sends them. */
export interface FieldGrid {
  /** Arrows per side (the blog uses 9). */
  size: number;
  min: number;
  max: number;
  /** The two canonical coordinates (0-based output rows) shown on the x and y axes. */
  coords: [number, number];
}

/** size*size arrows: start (gx, gy) is the canonical gradient g, direction (dx, dy) is (M g) on the two coordinates. */
export interface FieldData {
  size: number;
  gx: Float64Array;
  gy: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
}

/**
 * The blog's gradient field: for each canonical gradient g on the grid (zero outside the two shown coordinates),
 * the canonical step direction M g with M = J Jᵀ (the step itself is -eta M g). Unscaled: views autoscale.
 */
export function gradientField(J: Float64Array, q: number, p: number, grid: FieldGrid): FieldData {
  const [a, b] = grid.coords;
  // Only four entries of M are needed: M[a][a], M[a][b], M[b][a], M[b][b].
  let maa = 0,
    mab = 0,
    mbb = 0;
  for (let j = 0; j < p; j++) {
    const ja = J[a * p + j],
      jb = J[b * p + j];
    maa += ja * ja;
    mab += ja * jb;
    mbb += jb * jb;
  }
  const n = grid.size * grid.size;
  const out: FieldData = {
    size: grid.size,
    gx: new Float64Array(n),
    gy: new Float64Array(n),
    dx: new Float64Array(n),
    dy: new Float64Array(n),
  };
  const step = grid.size > 1 ? (grid.max - grid.min) / (grid.size - 1) : 0;
  for (let iy = 0; iy < grid.size; iy++) {
    for (let ix = 0; ix < grid.size; ix++) {
      const k = iy * grid.size + ix;
      const gx = grid.min + ix * step,
        gy = grid.min + iy * step;
      out.gx[k] = gx;
      out.gy[k] = gy;
      out.dx[k] = maa * gx + mab * gy;
      out.dy[k] = mab * gx + mbb * gy;
    }
  }
  void q;
  return out;
}
