import type { CompiledModel } from '../model';
import { rankMap, type MapAxis, type RankMapData } from '../rankMap';
import { jacobiSingularValuesInto, smallestTripletInto, tripletScratch, type TripletScratch } from '../linalg/svd';
import { determinant } from './determinant';

/** A 2-D slice of parameter space through `base`, in grid coordinates (gx, gy): node (i, j) is at gx = i, gy = j. */
export class Slice {
  readonly nx: number;
  readonly ny: number;
  readonly hx: number;
  readonly hy: number;
  // Scratch of the single-point evaluations (σ_min along lines and in 2-D searches run thousands of them).
  private readonly W1: Float64Array;
  private readonly J1: Float64Array;
  private readonly theta1: Float64Array;
  private readonly work1: Float64Array;
  private readonly sv1: Float64Array;
  /** Scratch of smallestTriplet for this slice's J. */
  readonly scratch: TripletScratch;
  constructor(
    readonly model: CompiledModel,
    readonly base: Float64Array,
    readonly x: MapAxis,
    readonly y: MapAxis,
  ) {
    this.nx = x.steps;
    this.ny = y.steps;
    this.hx = x.steps > 1 ? (x.to - x.from) / (x.steps - 1) : 0;
    this.hy = y.steps > 1 ? (y.to - y.from) / (y.steps - 1) : 0;
    const { p, q } = model;
    this.W1 = new Float64Array(p);
    this.J1 = new Float64Array(q * p);
    this.theta1 = new Float64Array(q);
    this.work1 = new Float64Array(q * p);
    this.sv1 = new Float64Array(Math.min(q, p));
    this.scratch = tripletScratch(q, p);
  }

  /** σ_min at one grid point (NaN where theta or J is not finite), without singular vectors. */
  sigmaMin(gx: number, gy: number): number {
    const { p, q } = this.model;
    this.point(gx, gy, this.W1);
    this.model.evaluate(this.W1, 1, this.theta1, this.J1);
    for (let i = 0; i < q; i++) if (!Number.isFinite(this.theta1[i])) return NaN;
    for (let i = 0; i < q * p; i++) if (!Number.isFinite(this.J1[i])) return NaN;
    jacobiSingularValuesInto(this.J1, 0, q, p, this.sv1, this.work1);
    return this.sv1[this.sv1.length - 1];
  }

  /** Slice coordinates of a grid point. */
  coords(gx: number, gy: number): [number, number] {
    return [this.x.from + gx * this.hx, this.y.from + gy * this.hy];
  }

  /** Writes the parameter vector of grid point (gx, gy) into W at offset. */
  point(gx: number, gy: number, W: Float64Array, offset = 0): void {
    W.set(this.base, offset);
    W[offset + this.x.param] = this.x.from + gx * this.hx;
    W[offset + this.y.param] = this.y.from + gy * this.hy;
  }

  /** J (q x p each) at m grid points, NaN-filled where theta or J is not finite. */
  jacobians(gx: ArrayLike<number>, gy: ArrayLike<number>, m: number): Float64Array {
    const { p, q } = this.model;
    const W = new Float64Array(m * p),
      J = new Float64Array(m * q * p),
      theta = new Float64Array(m * q);
    for (let k = 0; k < m; k++) this.point(gx[k], gy[k], W, k * p);
    this.model.evaluate(W, m, theta, J);
    for (let k = 0; k < m; k++) {
      let ok = true;
      for (let i = k * q; i < (k + 1) * q && ok; i++) ok = Number.isFinite(theta[i]);
      for (let i = k * q * p; i < (k + 1) * q * p && ok; i++) ok = Number.isFinite(J[i]);
      if (!ok) J.fill(NaN, k * q * p, (k + 1) * q * p);
    }
    return J;
  }

  /** The smallest singular triplet at grid point (gx, gy) (σ, u, v with J v = σ u), null where J is not finite. */
  triplet(gx: number, gy: number): Triplet | null {
    const { q, p } = this.model;
    const J = this.jacobians([gx], [gy], 1);
    if (!Number.isFinite(J[0])) return null;
    return smallestTriplet(J, q, p, this.scratch);
  }
}

/** σ_min with its singular vectors. */
export interface Triplet {
  sigma: number;
  u: Float64Array;
  v: Float64Array;
}

/**
 * The smallest of the min(q, p) singular triplets of the q x p J (into `out` when given), with the scratch of its
 * slice (Slice.scratch): the thousands of triplets of one slice allocate only their own u and v.
 */
export function smallestTriplet(J: Float64Array, q: number, p: number, ws: TripletScratch, out?: Triplet): Triplet {
  const t = out ?? { sigma: 0, u: new Float64Array(q), v: new Float64Array(p) };
  t.sigma = smallestTripletInto(J, q, p, t.u, t.v, ws);
  return t;
}

/**
 * σ_min made signed against a reference triplet: σ sgn(u·u_ref) sgn(v·v_ref). Continuing the singular pair
 * analytically through σ = 0 flips exactly one of u, v, so this changes sign where J loses rank along a path near the
 * reference; NaN when either vector has turned too far from the reference to tell.
 */
export function signedSigma(t: Triplet, ref: Triplet): number {
  let du = 0,
    dv = 0;
  for (let i = 0; i < t.u.length; i++) du += t.u[i] * ref.u[i];
  for (let i = 0; i < t.v.length; i++) dv += t.v[i] * ref.v[i];
  if (Math.abs(du) < 0.2 || Math.abs(dv) < 0.2) return NaN;
  return t.sigma * Math.sign(du) * Math.sign(dv);
}

/** Per node (row-major, index iy * nx + ix): a signed value where one exists, a magnitude, the scale of J. */
export interface NodeField {
  /** det J for square J; NaN otherwise (the sign is found per edge there). */
  signed: Float64Array;
  /** |det J| (square) or σ_min: small near the set. */
  magnitude: Float64Array;
  /** True where the node itself is on the set. */
  zero: Uint8Array;
  /** Largest ‖J‖_F (square) or σ_max over the finite nodes. */
  scale: number;
}

/** The node pass: det J on every node for square J (one batch per block), else the rank map's σ_min. */
export function nodeField(slice: Slice, map?: RankMapData, tol?: number): NodeField {
  const { q, p } = slice.model;
  const n = slice.nx * slice.ny;
  const signed = new Float64Array(n).fill(NaN),
    magnitude = new Float64Array(n).fill(NaN),
    zero = new Uint8Array(n);
  let scale = 0;
  if (q === p) {
    const block = Math.max(1, Math.min(4096, n, Math.floor(1_000_000 / (q * p))));
    const work = new Float64Array(q * q);
    const W = new Float64Array(block * p),
      J = new Float64Array(block * q * p),
      theta = new Float64Array(block * q);
    const { x, y, base, nx } = slice;
    let scale2 = 0;
    // Entries other than the two axes stay `base` in every block: written once.
    for (let k = 0; k < block; k++) W.set(base, k * p);
    const hx = slice.hx,
      hy = slice.hy,
      xp = x.param,
      yp = y.param;
    for (let start = 0; start < n; start += block) {
      const m = Math.min(block, n - start);
      for (let k = 0; k < m; k++) {
        const c = start + k;
        const iy = Math.floor(c / nx);
        W[k * p + xp] = x.from + (c - iy * nx) * hx;
        W[k * p + yp] = y.from + iy * hy;
      }
      slice.model.evaluate(W, m, theta, J);
      for (let k = 0; k < m; k++) {
        const off = k * q * q;
        let f2 = 0,
          t = 0;
        // theta * 0 is NaN exactly when theta is not finite.
        for (let i = k * q; i < (k + 1) * q; i++) t += theta[i] * 0;
        for (let i = 0; i < q * q; i++) f2 += J[off + i] * J[off + i];
        if (t !== 0 || !(f2 < Infinity)) continue;
        if (f2 > scale2) scale2 = f2;
        const d = q === 2 ? J[off] * J[off + 3] - J[off + 1] * J[off + 2] : determinant(J, off, q, work);
        signed[start + k] = d;
        magnitude[start + k] = Math.abs(d);
        // |det| <= 1e-14 ‖J‖_F^q, compared squared.
        if (d * d <= 1e-28 * (q === 2 ? f2 * f2 : Math.pow(f2, q))) zero[start + k] = 1;
      }
    }
    return { signed, magnitude, zero, scale: Math.sqrt(scale2) };
  }
  const data = map ?? rankMap(slice.model, slice.base, slice.x, slice.y, tol);
  for (let c = 0; c < n; c++) if (Number.isFinite(data.sMax[c])) scale = Math.max(scale, data.sMax[c]);
  for (let c = 0; c < n; c++) {
    magnitude[c] = data.sMin[c];
    if (data.sMin[c] <= 1e-13 * scale) zero[c] = 1;
  }
  return { signed, magnitude, zero, scale };
}
