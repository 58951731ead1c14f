import type { CompiledModel } from '../model';
import type { MapAxis, RankMapData } from '../rankMap';
import { determinant } from './determinant';
import { assembleCells, LocusGraph, vertexKey } from './locusAssemble';
import { squareCrossings, valleyCrossings } from './locusEdges';
import { nodeField, Slice, type NodeField } from './sliceGrid';

/** Where J loses rank on a 2-D slice, in slice coordinates (x = the x axis parameter's value, y = the y axis'). */
export interface RankLocus {
  /** Polylines along the set (each vertex on it, found on a grid edge or at a junction). */
  locus: Array<Array<[number, number]>>;
  /** Isolated points of the set (σ_min reaching 0 inside a cell with no curve through it). */
  locusPoints: Array<[number, number]>;
}

/** Options of rankLocus. */
export interface LocusOptions {
  /** The slice's rank map, if already computed (same axes): its σ_min is reused for non-square J. */
  map?: RankMapData;
  /** Rank tolerance passed to the rank map when it is computed here. */
  tol?: number;
}

const MAX_ISOLATED_STARTS = 24;

/**
 * Newton's method in grid coordinates for a critical point of φ (gradient and Hessian by central differences of
 * step 1e-3 cell); with `minimise`, a step that does not decrease φ is replaced by a backtracked gradient step.
 */
function newton2d(
  phi: (gx: number, gy: number) => number,
  x: number,
  y: number,
  minimise: boolean,
  iterations = 25,
): [number, number] {
  const h = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const f = phi(x, y);
    if (!Number.isFinite(f) || (minimise && f === 0)) break;
    const fx1 = phi(x + h, y),
      fx0 = phi(x - h, y),
      fy1 = phi(x, y + h),
      fy0 = phi(x, y - h);
    const gx = (fx1 - fx0) / (2 * h),
      gy = (fy1 - fy0) / (2 * h);
    const hxx = (fx1 - 2 * f + fx0) / (h * h),
      hyy = (fy1 - 2 * f + fy0) / (h * h);
    const hxy = (phi(x + h, y + h) - phi(x + h, y - h) - phi(x - h, y + h) + phi(x - h, y - h)) / (4 * h * h);
    const det = hxx * hyy - hxy * hxy;
    let dx = -(hyy * gx - hxy * gy) / det,
      dy = -(hxx * gy - hxy * gx) / det;
    if (minimise && !(det > 0 && hxx > 0)) [dx, dy] = [-gx, -gy];
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) break;
    const len = Math.hypot(dx, dy);
    if (len > 1) [dx, dy] = [dx / len, dy / len];
    if (!minimise) {
      [x, y] = [x + dx, y + dy];
      if (len < 1e-13) break;
      continue;
    }
    let t = 1;
    while (t > 1e-4 && !(phi(x + t * dx, y + t * dy) < f)) t /= 2;
    if (t <= 1e-4) break;
    [x, y] = [x + t * dx, y + t * dy];
    if (t * len < 1e-13) break;
  }
  return [x, y];
}

/**
 * The rank-deficient set of J on a 2-D slice through `base` (the other parameters fixed), as curves and points.
 * Square J: the zero set of det J by marching squares, each crossing refined along its grid edge to ~1e-13 of the
 * edge (regula falsi, batched), cells with four crossings joined through the saddle of det when det vanishes there
 * (two curves crossing) and by the sign at the bilinear saddle otherwise. Other shapes: the valleys of σ_min along
 * each grid line, refined onto σ_min = 0 with σ_min signed by its singular vectors (see signedSigma), or minimised
 * where it does not change sign. Isolated points: 2-D Newton minimisation of σ_min² from the grid's local minima.
 * Correct when the grid misses the set (no node needs to lie on it).
 */
export function rankLocus(
  model: CompiledModel,
  base: Float64Array,
  x: MapAxis,
  y: MapAxis,
  options: LocusOptions = {},
): RankLocus {
  const slice = new Slice(model, base, x, y);
  const { nx, ny } = slice;
  const { q, p } = model;
  const square = q === p;
  const field = nodeField(slice, options.map, options.tol);
  const accept = 1e-9 * (field.scale || 1);
  // Square J: det's sign changes, then the valleys of |det| with no sign change (even-order zeros, det = w²).
  const signChanges = square ? squareCrossings(slice, field) : [];
  const crossings = [...signChanges, ...valleyCrossings(slice, field, accept, signChanges)];
  const sigma = (gx: number, gy: number): number => slice.sigmaMin(gx, gy);
  const graph = new LocusGraph();
  // As strict as a node on the set (not the crossings' 1e-9 acceptance): near a point where every column nearly
  // aligns (tanh neurons at a = 0) σ_min is tiny all around, and only an exact zero marks the set.
  const onSet = (gx: number, gy: number): boolean => sigma(gx, gy) <= 1e-13 * (field.scale || 1);
  assembleCells(
    graph,
    nx,
    ny,
    field.zero,
    crossings,
    (ix, iy, ring) => {
      if (square && joinAtSaddle(slice, field, graph, ix, iy, ring)) return;
      const d = (a: number, b: number) => Math.hypot(graph.gx[a] - graph.gx[b], graph.gy[a] - graph.gy[b]);
      const first = d(ring[0], ring[1]) + d(ring[2], ring[3]) <= d(ring[1], ring[2]) + d(ring[3], ring[0]);
      if (first) {
        graph.segment(ring[0], ring[1]);
        graph.segment(ring[2], ring[3]);
      } else {
        graph.segment(ring[1], ring[2]);
        graph.segment(ring[3], ring[0]);
      }
    },
    onSet,
  );
  const { lines, lone } = graph.polylines();
  const coords = (v: number): [number, number] => slice.coords(graph.gx[v], graph.gy[v]);
  const locus: Array<Array<[number, number]>> = [];
  const points: Array<[number, number]> = lone.map((v) => [graph.gx[v], graph.gy[v]]);
  for (const line of lines) {
    const kept = line.filter(
      (v, i) => i === 0 || Math.hypot(graph.gx[v] - graph.gx[line[i - 1]], graph.gy[v] - graph.gy[line[i - 1]]) > 1e-12,
    );
    if (kept.length === 1) points.push([graph.gx[kept[0]], graph.gy[kept[0]]]);
    else locus.push(kept.map(coords));
  }

  // Isolated points: from the grid's 2-D local minima of the magnitude that look like the tip of a cone, except
  // next to the curves (cells within one of a vertex), where the minima belong to the curve.
  const taken = new Uint8Array(nx * ny);
  const mark = (gx: number, gy: number) => {
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        const ix = Math.round(gx) + dx,
          iy = Math.round(gy) + dy;
        if (ix >= 0 && iy >= 0 && ix < nx && iy < ny) taken[iy * nx + ix] = 1;
      }
  };
  graph.gx.forEach((gx, v) => graph.adjacency[v].length > 0 && mark(gx, graph.gy[v]));
  points.forEach(([gx, gy]) => mark(gx, gy));
  let starts = 0;
  for (const [gx0, gy0] of localMinima(field, nx, ny)) {
    if (taken[gy0 * nx + gx0]) continue;
    if (starts++ >= MAX_ISOLATED_STARTS) break;
    const [gx, gy] = newton2d((a, b) => sigma(a, b) ** 2, gx0, gy0, true);
    if (gx < -0.5 || gy < -0.5 || gx > nx - 0.5 || gy > ny - 0.5 || !(sigma(gx, gy) <= accept)) continue;
    if (taken[Math.round(gy) * nx + Math.round(gx)]) continue;
    points.push([gx, gy]);
    mark(gx, gy);
  }
  return { locus, locusPoints: points.map(([gx, gy]) => slice.coords(gx, gy)) };
}

/** Nodes (grid coordinates) where the magnitude is a strict 8-neighbour minimum within twice its steepest rise. */
function localMinima(field: NodeField, nx: number, ny: number): Array<[number, number]> {
  const g = field.magnitude;
  const out: Array<[number, number, number]> = [];
  for (let iy = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const c = iy * nx + ix;
      // Cheap rejections first: most nodes are not even a minimum along their row.
      if (!(g[c] >= 0) || field.zero[c] || (ix > 0 && g[c - 1] < g[c]) || (ix + 1 < nx && g[c + 1] < g[c])) continue;
      let min = true,
        steep = 0;
      for (let dy = -1; dy <= 1 && min; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = ix + dx,
            y = iy + dy;
          if ((dx === 0 && dy === 0) || x < 0 || y < 0 || x >= nx || y >= ny) continue;
          const v = g[y * nx + x];
          if (!Number.isFinite(v)) continue;
          if (v < g[c] || field.zero[y * nx + x]) min = false;
          steep = Math.max(steep, v - g[c]);
        }
      if (min && steep > 0 && g[c] <= 2 * steep) out.push([ix, iy, g[c] / steep]);
    }
  }
  return out.sort((a, b) => a[2] - b[2]).map(([x, y]) => [x, y]);
}

/**
 * A cell whose four edges all cross det J = 0: when det also vanishes at its critical point inside the cell (two
 * curves crossing, like the squared map's axes), every crossing is joined to that point; otherwise the bilinear
 * saddle's sign decides the pairing, as in the asymptotic decider. Returns true when it joined the cell.
 */
function joinAtSaddle(
  slice: Slice,
  field: NodeField,
  graph: LocusGraph,
  ix: number,
  iy: number,
  ring: number[],
): boolean {
  const { nx } = slice;
  const { q } = slice.model;
  const d = field.signed;
  const f00 = d[iy * nx + ix],
    f10 = d[iy * nx + ix + 1],
    f01 = d[(iy + 1) * nx + ix],
    f11 = d[(iy + 1) * nx + ix + 1];
  const b = f10 - f00,
    c = f01 - f00,
    e = f00 - f10 - f01 + f11;
  const s0 = e !== 0 ? -c / e : 0.5,
    t0 = e !== 0 ? -b / e : 0.5;
  const work = new Float64Array(q * q);
  const det = (gx: number, gy: number): number => {
    const J = slice.jacobians([gx], [gy], 1);
    return Number.isFinite(J[0]) ? determinant(J, 0, q, work) : NaN;
  };
  let [gx, gy] = [ix + Math.min(1, Math.max(0, s0)), iy + Math.min(1, Math.max(0, t0))];
  if (!(Math.abs(det(gx, gy)) <= 1e-13 * Math.pow(field.scale, q))) [gx, gy] = newton2d(det, gx, gy, false, 8);
  const inside = gx >= ix - 1e-9 && gx <= ix + 1 + 1e-9 && gy >= iy - 1e-9 && gy <= iy + 1 + 1e-9;
  if (inside && Math.abs(det(gx, gy)) <= 1e-12 * Math.pow(field.scale, q)) {
    const junction = graph.vertex(vertexKey.junction(iy * nx + ix), gx, gy);
    for (const v of ring) graph.segment(junction, v);
    return true;
  }
  const centre = f00 - (b * c) / (e || Infinity);
  if (centre < 0 === f00 < 0) {
    graph.segment(ring[0], ring[1]);
    graph.segment(ring[2], ring[3]);
  } else {
    graph.segment(ring[3], ring[0]);
    graph.segment(ring[1], ring[2]);
  }
  return true;
}
