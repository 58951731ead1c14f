import { bracketRoots, goldenMinimum } from './bracketRoots';
import { determinant } from './determinant';
import { signedSigma, smallestTriplet, type NodeField, type Slice, type Triplet } from './sliceGrid';

/** A point of the set on a grid edge: horizontal edge `index` = iy * (nx - 1) + ix joins nodes (ix, iy), (ix + 1, iy);
 * vertical edge `index` = iy * nx + ix joins (ix, iy), (ix, iy + 1). (gx, gy) in grid coordinates. */
export interface EdgeCrossing {
  horizontal: boolean;
  index: number;
  gx: number;
  gy: number;
}

interface Job {
  horizontal: boolean;
  ix: number;
  iy: number;
  f0: number;
  f1: number;
  ref?: Triplet;
}

const edgeIndex = (s: Slice, j: Job): number => (j.horizontal ? j.iy * (s.nx - 1) + j.ix : j.iy * s.nx + j.ix);
const at = (j: Job, t: number): [number, number] => (j.horizontal ? [j.ix + t, j.iy] : [j.ix, j.iy + t]);

/** Refines every job's sign change to a root (batched), keeping those that are zeros and not poles. */
function solve(slice: Slice, jobs: Job[], square: boolean, out: EdgeCrossing[]): Job[] {
  if (jobs.length === 0) return [];
  const { q, p } = slice.model;
  const work = new Float64Array(q * q);
  const scratch = { sigma: 0, u: new Float64Array(q), v: new Float64Array(p) };
  const f0 = Float64Array.from(jobs, (j) => j.f0),
    f1 = Float64Array.from(jobs, (j) => j.f1);
  const { t, residual } = bracketRoots(f0, f1, (ids, ts, m, values) => {
    const gx = new Float64Array(m),
      gy = new Float64Array(m);
    for (let k = 0; k < m; k++) [gx[k], gy[k]] = at(jobs[ids[k]], ts[k]);
    const J = slice.jacobians(gx, gy, m);
    for (let k = 0; k < m; k++) {
      const off = k * q * p;
      if (!Number.isFinite(J[off])) values[k] = NaN;
      else if (square) values[k] = determinant(J, off, q, work);
      else
        values[k] = signedSigma(
          smallestTriplet(J.subarray(off, off + q * p), q, p, slice.scratch, scratch),
          jobs[ids[k]].ref!,
        );
    }
  });
  const failed: Job[] = [];
  jobs.forEach((j, i) => {
    // A sign change through a pole (det -> ±∞) ends with a residual larger than both end values.
    if (Number.isNaN(t[i]) || !(residual[i] <= Math.max(Math.abs(j.f0), Math.abs(j.f1)))) {
      failed.push(j);
      return;
    }
    const [gx, gy] = at(j, t[i]);
    out.push({ horizontal: j.horizontal, index: edgeIndex(slice, j), gx, gy });
  });
  return failed;
}

/** Sign changes of det J across every grid edge (square J), refined to ~1e-13 of the edge. */
export function squareCrossings(slice: Slice, field: NodeField): EdgeCrossing[] {
  const { nx, ny } = slice;
  const jobs: Job[] = [];
  const d = field.signed;
  const usable = (c: number) => Number.isFinite(d[c]) && !field.zero[c];
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const c = iy * nx + ix;
      if (!usable(c)) continue;
      if (ix + 1 < nx && usable(c + 1) && d[c] < 0 !== d[c + 1] < 0)
        jobs.push({ horizontal: true, ix, iy, f0: d[c], f1: d[c + 1] });
      if (iy + 1 < ny && usable(c + nx) && d[c] < 0 !== d[c + nx] < 0)
        jobs.push({ horizontal: false, ix, iy, f0: d[c], f1: d[c + nx] });
    }
  }
  const out: EdgeCrossing[] = [];
  solve(slice, jobs, true, out);
  return out;
}

/**
 * Crossings for non-square J, where no sign is known at the nodes: along every grid line, each node where σ_min has a
 * V-shaped local minimum (no larger than twice its steepest difference to a neighbour) is a candidate; its two edges
 * are tested with σ_min signed against the node's own singular pair and refined where the sign changes, and a valley
 * without a sign change is minimised along the line and kept when σ_min reaches 0 (`accept`).
 */
export function valleyCrossings(
  slice: Slice,
  field: NodeField,
  accept: number,
  known: readonly EdgeCrossing[] = [],
): EdgeCrossing[] {
  const { nx, ny } = slice;
  const g = field.magnitude;
  const triplets = new Map<number, Triplet | null>();
  const tripletAt = (c: number): Triplet | null => {
    if (!triplets.has(c)) triplets.set(c, slice.triplet(c % nx, Math.floor(c / nx)));
    return triplets.get(c)!;
  };
  const jobs: Job[] = [];
  // Edges whose crossing is already known (det's sign changes, for square J): their valleys need no search.
  const doneH = new Uint8Array(nx * ny),
    doneV = new Uint8Array(nx * ny);
  for (const c of known) (c.horizontal ? doneH : doneV)[c.index] = 1;
  const queued = new Set<string>();
  const valleys: Array<{ horizontal: boolean; ix: number; iy: number }> = [];
  for (const horizontal of [true, false]) {
    const len = horizontal ? nx : ny,
      lines = horizontal ? ny : nx;
    const stride = horizontal ? 1 : nx;
    const zero = field.zero;
    for (let line = 0; line < lines; line++) {
      const first = horizontal ? line * nx : line;
      for (let i = 0; i < len; i++) {
        const c = first + i * stride;
        const gc = g[c];
        // Cheap rejections first (most nodes): not a minimum against the next node, or on the set.
        if (!(gc >= 0) || zero[c] || (i + 1 < len && g[c + stride] < gc)) continue;
        const prev = i > 0 ? c - stride : -1,
          next = i + 1 < len ? c + stride : -1;
        const gp = prev >= 0 ? g[prev] : NaN,
          gn = next >= 0 ? g[next] : NaN;
        // A local minimum along the line (NaN neighbours ignored), next to no node on the set.
        if (gp < gc || gn < gc || (!(gp >= 0) && !(gn >= 0))) continue;
        if ((prev >= 0 && field.zero[prev]) || (next >= 0 && field.zero[next])) continue;
        const up = gp >= 0 ? gp - gc : 0,
          down = gn >= 0 ? gn - gc : 0;
        if (!(gc <= 2 * Math.max(up, down))) continue;
        if (known.length > 0) {
          const done = horizontal ? doneH : doneV;
          const edge = (lo: number) => (horizontal ? line * (nx - 1) + lo : lo * nx + line);
          if ((i > 0 && done[edge(i - 1)]) || (i + 1 < len && done[edge(i)])) continue;
        }
        const ref = tripletAt(c);
        if (!ref) continue;
        let changed = false;
        for (const [a, b, lo] of [
          [prev, c, i - 1],
          [c, next, i],
        ]) {
          if (a < 0 || b < 0) continue;
          const ta = a === c ? ref : tripletAt(a),
            tb = b === c ? ref : tripletAt(b);
          if (!ta || !tb) continue;
          const fa = signedSigma(ta, ref),
            fb = signedSigma(tb, ref);
          if (!(fa < 0 || fb < 0)) continue;
          changed = true;
          const job: Job = horizontal
            ? { horizontal, ix: lo, iy: line, f0: fa, f1: fb, ref }
            : { horizontal, ix: line, iy: lo, f0: fa, f1: fb, ref };
          const key = `${horizontal}:${job.ix}:${job.iy}`;
          if (!queued.has(key)) {
            queued.add(key);
            jobs.push(job);
          }
        }
        // Without a sign change, a valley is searched only if the V through its three values reaches about 0.
        if (changed) continue;
        if (gp >= 0 && gn >= 0) {
          const slope = Math.max(up, down);
          const t0 = (slope + gc - Math.min(gp, gn)) / (2 * slope);
          if (gc - slope * t0 > 0.25 * gc) continue;
        }
        valleys.push(horizontal ? { horizontal, ix: i, iy: line } : { horizontal, ix: line, iy: i });
      }
    }
  }
  const out: EdgeCrossing[] = [];
  for (const j of solve(slice, jobs, false, out))
    valleys.push(j.horizontal ? { horizontal: true, ix: j.ix, iy: j.iy } : { horizontal: false, ix: j.ix, iy: j.iy });
  for (const v of valleys) minimiseAlong(slice, v, accept, out);
  return out;
}

/** Golden-section search of σ_min along the line through a valley node (one cell either side). */
function minimiseAlong(
  slice: Slice,
  v: { horizontal: boolean; ix: number; iy: number },
  accept: number,
  out: EdgeCrossing[],
): void {
  const { nx, ny } = slice;
  const len = v.horizontal ? nx : ny;
  const i = v.horizontal ? v.ix : v.iy;
  const lo = Math.max(0, i - 1),
    hi = Math.min(len - 1, i + 1);
  const sigma = (s: number): number => {
    const v2 = v.horizontal ? slice.sigmaMin(s, v.iy) : slice.sigmaMin(v.ix, s);
    return Number.isFinite(v2) ? v2 : Infinity;
  };
  // Run well past `accept`: where σ vanishes to second order the place is only as good as σ is small.
  // σ_min is 1-Lipschitz in J, so across a cell it changes by at most the larger rise to a neighbouring node, doubled
  // for curvature: past that the valley's floor is positive and the search stops.
  const ends = Math.max(sigma(lo), sigma(hi));
  const slope = Number.isFinite(ends) ? (2 * ends) / Math.max(1, hi - lo) : Infinity;
  const best = goldenMinimum(sigma, lo, hi, 1e-6 * accept, 70, slope);
  if (!(best.value <= accept)) return;
  const cell = Math.min(len - 2, Math.floor(best.t));
  if (cell < 0) return;
  out.push(
    v.horizontal
      ? { horizontal: true, index: v.iy * (nx - 1) + cell, gx: best.t, gy: v.iy }
      : { horizontal: false, index: cell * nx + v.ix, gx: v.ix, gy: best.t },
  );
}
