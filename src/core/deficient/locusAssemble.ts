import type { EdgeCrossing } from './locusEdges';

/** Vertices (grid coordinates) and the segments joining them, as marching squares produces them. */
export class LocusGraph {
  readonly gx: number[] = [];
  readonly gy: number[] = [];
  private readonly keys = new Map<number, number>();
  private readonly segments = new Set<string>();
  readonly adjacency: number[][] = [];

  /** The vertex with this key (see vertexKey), created at (gx, gy) if new. */
  vertex(key: number, gx: number, gy: number): number {
    let v = this.keys.get(key);
    if (v === undefined) {
      v = this.gx.length;
      this.keys.set(key, v);
      this.gx.push(gx);
      this.gy.push(gy);
      this.adjacency.push([]);
    }
    return v;
  }

  find(key: number): number | undefined {
    return this.keys.get(key);
  }

  segment(a: number, b: number): void {
    if (a === b) return;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    if (this.segments.has(key)) return;
    this.segments.add(key);
    this.adjacency[a].push(b);
    this.adjacency[b].push(a);
  }

  /** Chains of segments as polylines (open chains from their ends first, then closed loops), and lone vertices. */
  polylines(): { lines: number[][]; lone: number[] } {
    const used = new Set<string>();
    const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
    const lines: number[][] = [];
    const walk = (start: number, next: number): number[] => {
      const line = [start];
      let prev = start,
        cur = next;
      used.add(key(prev, cur));
      for (;;) {
        line.push(cur);
        if (this.adjacency[cur].length !== 2) break;
        const nxt = this.adjacency[cur].find((x) => x !== prev && !used.has(key(cur, x)));
        if (nxt === undefined) break;
        used.add(key(cur, nxt));
        [prev, cur] = [cur, nxt];
      }
      return line;
    };
    const n = this.gx.length;
    for (const ends of [true, false]) {
      for (let v = 0; v < n; v++) {
        if (ends && this.adjacency[v].length === 2) continue;
        for (const w of this.adjacency[v]) if (!used.has(key(v, w))) lines.push(walk(v, w));
      }
    }
    const lone = Array.from({ length: n }, (_, v) => v).filter((v) => this.adjacency[v].length === 0);
    return { lines, lone };
  }
}

/** Numeric vertex keys: a node on the set, a crossing on a horizontal or vertical edge, a junction in a cell. */
export const vertexKey = {
  node: (c: number) => 4 * c,
  horizontal: (e: number) => 4 * e + 1,
  vertical: (e: number) => 4 * e + 2,
  junction: (cell: number) => 4 * cell + 3,
};

/** How a cell with four crossings on its edges (bottom, right, top, left) is joined: a junction point or two pairs. */
export type AmbiguousCell = (ix: number, iy: number, ring: number[]) => void;

/** Whether the grid point (gx, gy) lies on the set (σ_min there within the acceptance of 0). */
export type OnSet = (gx: number, gy: number) => boolean;

/**
 * Marching squares over the cells: the vertices of a cell (its corners on the set, then the crossings on its edges,
 * in order around it) are joined in pairs; cells with four edge crossings are left to `ambiguous`. Two corners on the
 * set with nothing else in the cell are joined only when the set holds the point between them (`onSet`): a curve that
 * passes through a corner diagonally touches the neighbouring cells there without running along their edges. Cells
 * with three or more corners on the set are joined through their centre when curves cross there (the centre and the
 * way from each corner to it on the set), else skipped (an area, not a curve).
 */
export function assembleCells(
  graph: LocusGraph,
  nx: number,
  ny: number,
  zero: Uint8Array,
  crossings: EdgeCrossing[],
  ambiguous: AmbiguousCell,
  onSet: OnSet,
): void {
  const hasCrossing = new Uint8Array(2 * nx * ny);
  for (const c of crossings) {
    graph.vertex(c.horizontal ? vertexKey.horizontal(c.index) : vertexKey.vertical(c.index), c.gx, c.gy);
    hasCrossing[2 * c.index + (c.horizontal ? 0 : 1)] = 1;
  }
  const nodeVertex = (ix: number, iy: number): number | undefined =>
    zero[iy * nx + ix] ? graph.vertex(vertexKey.node(iy * nx + ix), ix, iy) : undefined;
  // Only the cells next to a crossing or a node on the set can hold a piece of the locus.
  const cells = new Set<number>();
  const add = (ix: number, iy: number) => ix >= 0 && iy >= 0 && ix + 1 < nx && iy + 1 < ny && cells.add(iy * nx + ix);
  for (const c of crossings) {
    const ix = Math.floor(c.horizontal ? c.gx : c.gx + 0.5),
      iy = Math.floor(c.horizontal ? c.gy + 0.5 : c.gy);
    // A horizontal edge borders the cells below and above it, a vertical one those left and right of it.
    if (c.horizontal) {
      const ex = Math.min(nx - 2, ix),
        ey = Math.round(c.gy);
      add(ex, ey);
      add(ex, ey - 1);
    } else {
      const ex = Math.round(c.gx),
        ey = Math.min(ny - 2, iy);
      add(ex, ey);
      add(ex - 1, ey);
    }
  }
  for (let k = 0; k < nx * ny; k++)
    if (zero[k])
      for (const [dx, dy] of [
        [0, 0],
        [-1, 0],
        [0, -1],
        [-1, -1],
      ])
        add((k % nx) + dx, Math.floor(k / nx) + dy);
  for (const cell of [...cells].sort((a, b) => a - b)) {
    {
      const ix = cell % nx,
        iy = Math.floor(cell / nx);
      const c = cell;
      const eb = iy * (nx - 1) + ix,
        er = c + 1,
        et = (iy + 1) * (nx - 1) + ix,
        el = c;
      // Most cells hold nothing: skip them before building any array.
      if (
        !(zero[c] | zero[c + 1] | zero[c + nx] | zero[c + nx + 1]) &&
        !(hasCrossing[2 * eb] | hasCrossing[2 * er + 1] | hasCrossing[2 * et] | hasCrossing[2 * el + 1])
      )
        continue;
      const corners = [nodeVertex(ix, iy), nodeVertex(ix + 1, iy), nodeVertex(ix + 1, iy + 1), nodeVertex(ix, iy + 1)];
      if (corners.filter((v) => v !== undefined).length >= 3) {
        joinThroughCentre(graph, ix, iy, nx, corners, onSet);
        continue;
      }
      const edges = [
        graph.find(vertexKey.horizontal(eb)),
        graph.find(vertexKey.vertical(er)),
        graph.find(vertexKey.horizontal(et)),
        graph.find(vertexKey.vertical(el)),
      ];
      const ring: number[] = [];
      for (let k = 0; k < 4; k++)
        for (const v of [corners[k], edges[k]]) if (v !== undefined && !ring.includes(v)) ring.push(v);
      const mid = (a: number, b: number) => onSet((graph.gx[a] + graph.gx[b]) / 2, (graph.gy[a] + graph.gy[b]) / 2);
      const bothCorners = ring.length === 2 && corners.includes(ring[0]) && corners.includes(ring[1]);
      if (ring.length === 2 && (!bothCorners || mid(ring[0], ring[1]))) graph.segment(ring[0], ring[1]);
      else if (ring.length === 3) {
        const d = (a: number, b: number) => Math.hypot(graph.gx[a] - graph.gx[b], graph.gy[a] - graph.gy[b]);
        const pairs: Array<[number, number]> = [
          [ring[0], ring[1]],
          [ring[1], ring[2]],
          [ring[2], ring[0]],
        ];
        const [a, b] = pairs.reduce((x, y) => (d(y[0], y[1]) < d(x[0], x[1]) ? y : x));
        graph.segment(a, b);
      } else if (ring.length === 4) {
        if (corners.every((v) => v === undefined)) ambiguous(ix, iy, ring);
        else {
          graph.segment(ring[0], ring[1]);
          graph.segment(ring[2], ring[3]);
        }
      }
    }
  }
}

/** A cell with three or four corners on the set: each such corner joined to the centre where curves cross there. */
function joinThroughCentre(
  graph: LocusGraph,
  ix: number,
  iy: number,
  nx: number,
  corners: (number | undefined)[],
  onSet: OnSet,
): void {
  const cx = ix + 0.5,
    cy = iy + 0.5;
  if (!onSet(cx, cy)) return;
  const ends = corners.filter(
    (v): v is number => v !== undefined && onSet((graph.gx[v] + cx) / 2, (graph.gy[v] + cy) / 2),
  );
  if (ends.length < 2) return;
  const centre = graph.vertex(vertexKey.junction(iy * nx + ix), cx, cy);
  for (const v of ends) graph.segment(centre, v);
}
