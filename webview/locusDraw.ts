// The rank-deficient locus as drawn: curves and points over the rank map (slice coordinates), and markers of its
// image in θ on the field's live subplot. Coordinates arrive flattened ([x0, y0, x1, y1, …]).
import type { NumArray } from '../src/protocol/panel';
import type { Theme } from './theme';

/** Maps data coordinates to canvas pixels. */
export type ToPx = (x: number, y: number) => [number, number];

/** Strokes each polyline (a halo under the line) and rings each isolated point, in the theme's locus colours. */
export function drawLocusCurves(
  ctx: CanvasRenderingContext2D,
  lines: readonly NumArray[],
  points: NumArray,
  toPx: ToPx,
  t: Theme,
): void {
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const [colour, width] of [
    [t.locusHalo, 4.5],
    [t.locus, 2],
  ] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (const line of lines) {
      for (let k = 0; k + 1 < line.length; k += 2) {
        const [px, py] = toPx(line[k], line[k + 1]);
        if (k === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
    }
    ctx.stroke();
    ctx.beginPath();
    for (let k = 0; k + 1 < points.length; k += 2) {
      const [px, py] = toPx(points[k], points[k + 1]);
      ctx.moveTo(px + 4, py);
      ctx.arc(px, py, 4, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** Marks the vertices of the locus's image in θ with small rings (a curve's image may be a single point: the
 *  polar map's r = 0 is θ = 0), at most one ring per 6 px square so a dense curve reads as a dotted line. */
export function drawLocusMarks(
  ctx: CanvasRenderingContext2D,
  lines: readonly NumArray[],
  points: NumArray,
  toPx: ToPx,
  t: Theme,
): number {
  const seen = new Set<number>();
  const rings: [number, number][] = [];
  const add = (x: number, y: number): void => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const [px, py] = toPx(x, y);
    const key = Math.round(px / 6) * 100003 + Math.round(py / 6);
    if (seen.has(key)) return;
    seen.add(key);
    rings.push([px, py]);
  };
  for (const line of lines) for (let k = 0; k + 1 < line.length; k += 2) add(line[k], line[k + 1]);
  for (let k = 0; k + 1 < points.length; k += 2) add(points[k], points[k + 1]);
  ctx.save();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = t.locus;
  ctx.beginPath();
  for (const [px, py] of rings) {
    ctx.moveTo(px + 3, py);
    ctx.arc(px, py, 3, 0, 2 * Math.PI);
  }
  ctx.stroke();
  ctx.restore();
  return rings.length;
}
