// Quiver-style arrows (matplotlib's defaults): autoscale by the mean arrow length, filled polygons (shaft + head)
// like the blog's figures. Arrow vectors live in data space (quiver's angles='xy'), so a direction in the plot is
// the direction of M g even when the plot is not square.

/** Arrows of one subplot: starts (gx, gy) in data units, directions (dx, dy) unscaled. */
export interface ArrowData {
  gx: ArrayLike<number>;
  gy: ArrayLike<number>;
  dx: ArrayLike<number>;
  dy: ArrayLike<number>;
}

/** Mean length and count of the finite arrows (what quiver's autoscale uses). */
export function arrowStats(a: ArrowData): { mean: number; n: number } {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.dx.length; i++) {
    const l = Math.hypot(a.dx[i], a.dy[i]);
    if (Number.isFinite(l)) {
      sum += l;
      n++;
    }
  }
  return { mean: n > 0 ? sum / n : 0, n };
}

/** Data units per unit of direction so the mean arrow is 1/(1.8 max(10, sqrt n)) of the axis span, as quiver does. */
export function quiverScale(span: number, n: number, mean: number): number {
  return mean > 0 ? span / (1.8 * Math.max(10, Math.sqrt(n)) * mean) : 0;
}

/** The outline of one arrow from (x0, y0) with pixel vector (vx, vy): shaft width w, matplotlib proportions. */
export function arrowPolygon(x0: number, y0: number, vx: number, vy: number, w: number): number[] {
  const len = Math.hypot(vx, vy);
  if (!(len > 0)) return [];
  const ux = vx / len;
  const uy = vy / len;
  // Short arrows shrink as a whole (head included) instead of growing a head longer than themselves.
  const k = Math.min(1, len / (5 * w));
  const hl = 5 * w * k;
  const ha = 4.5 * w * k;
  const hw = 1.5 * w * k;
  const sw = (w / 2) * Math.max(k, 0.5);
  const pts: [number, number][] = [
    [0, -sw],
    [len - ha, -sw],
    [len - hl, -hw],
    [len, 0],
    [len - hl, hw],
    [len - ha, sw],
    [0, sw],
  ];
  const out: number[] = [];
  for (const [a, b] of pts) out.push(x0 + a * ux - b * uy, y0 + a * uy + b * ux);
  return out;
}

/** Fills the polygon from arrowPolygon. */
export function fillPolygon(ctx: CanvasRenderingContext2D, poly: number[]): void {
  if (poly.length < 6) return;
  ctx.beginPath();
  ctx.moveTo(poly[0], poly[1]);
  for (let i = 2; i < poly.length; i += 2) ctx.lineTo(poly[i], poly[i + 1]);
  ctx.closePath();
  ctx.fill();
}

/** The polygon as an SVG path `d` attribute. */
export function polygonPath(poly: number[]): string {
  if (poly.length < 6) return '';
  const p = (i: number): string => `${poly[i].toFixed(2)},${poly[i + 1].toFixed(2)}`;
  let d = `M${p(0)}`;
  for (let i = 2; i < poly.length; i += 2) d += `L${p(i)}`;
  return `${d}Z`;
}

/** Maps data coordinates to pixels inside a plot area. */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

/** Every arrow of a subplot as a polygon in pixels (NaN arrows skipped); `scale` in data units per unit of direction. */
export function arrowPolygons(a: ArrowData, area: PlotArea, scale: number, w: number): number[][] {
  const sx = (area.right - area.left) / (area.xmax - area.xmin);
  const sy = (area.bottom - area.top) / (area.ymax - area.ymin);
  const out: number[][] = [];
  for (let i = 0; i < a.gx.length; i++) {
    const x0 = area.left + (a.gx[i] - area.xmin) * sx;
    const y0 = area.bottom - (a.gy[i] - area.ymin) * sy;
    const vx = a.dx[i] * scale * sx;
    const vy = -a.dy[i] * scale * sy;
    if (!Number.isFinite(x0 + y0 + vx + vy)) continue;
    const poly = arrowPolygon(x0, y0, vx, vy, w);
    out.push(poly.length > 0 ? poly : [x0, y0]);
  }
  return out;
}

/** The theta arrow from the origin: its direction at a fixed, readable length (the blog's blue arrow). */
export function thetaPolygon(theta: [number, number], area: PlotArea, w: number): number[] {
  const sx = (area.right - area.left) / (area.xmax - area.xmin);
  const sy = (area.bottom - area.top) / (area.ymax - area.ymin);
  const x0 = area.left - area.xmin * sx;
  const y0 = area.bottom + area.ymin * sy;
  const len = Math.hypot(theta[0], theta[1]);
  if (!(len > 0) || !Number.isFinite(len)) return [x0, y0];
  const L = (area.xmax - area.xmin) / 14;
  return arrowPolygon(x0, y0, (theta[0] / len) * L * sx, (-theta[1] / len) * L * sy, w * 1.2);
}
