// How the Landscape view marks a critical point: the type by shape AND colour (minimum circle, saddle triangle,
// maximum square, degenerate diamond), the origin by fill (canonical filled, ghost hollow), the same in the legend,
// the list and the exports.
import type { LandscapePoint } from '../src/protocol/labs/landscapeLab';

type Kind = LandscapePoint['type'];

/** The colour of each type: distinct in hue and lightness, readable on white, dark grey and black. */
export const TYPE_COLOURS: Record<Kind, string> = {
  minimum: '#22b14c',
  saddle: '#ff8c00',
  maximum: '#e0115f',
  degenerate: '#a463f2',
};

/** The marker's half-size in CSS px. */
export const MARKER_R = 7;

/** The outline of a type's shape centred on (x, y) with half-size r. */
export function markerPath(ctx: CanvasRenderingContext2D, kind: Kind, x: number, y: number, r: number): void {
  ctx.beginPath();
  if (kind === 'minimum') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (kind === 'saddle') {
    ctx.moveTo(x, y - r * 1.15);
    ctx.lineTo(x + r * 1.05, y + r * 0.75);
    ctx.lineTo(x - r * 1.05, y + r * 0.75);
    ctx.closePath();
  } else if (kind === 'maximum') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r * 1.2);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  }
}

/** Draws one marker: a halo in `halo` (the background) under it, filled for canonical points, hollow for ghosts. */
export function drawMarker(
  ctx: CanvasRenderingContext2D,
  c: Pick<LandscapePoint, 'type' | 'origin'>,
  x: number,
  y: number,
  halo: string,
  alpha = 1,
  r = MARKER_R,
): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  markerPath(ctx, c.type, x, y, r);
  ctx.lineWidth = 6;
  ctx.strokeStyle = halo;
  ctx.stroke();
  if (c.origin === 'canonical') {
    ctx.fillStyle = TYPE_COLOURS[c.type];
    ctx.fill();
  }
  ctx.lineWidth = 3;
  ctx.strokeStyle = TYPE_COLOURS[c.type];
  ctx.stroke();
  ctx.restore();
}

/** The marker as an SVG element string (same shapes and fills). */
export function markerSvg(c: Pick<LandscapePoint, 'type' | 'origin'>, x: number, y: number, r = MARKER_R): string {
  const colour = TYPE_COLOURS[c.type];
  const fill = c.origin === 'canonical' ? colour : 'none';
  const style = `fill="${fill}" stroke="${colour}" stroke-width="3"`;
  const pts = (p: number[][]) => p.map(([a, b]) => `${(x + a * r).toFixed(1)},${(y + b * r).toFixed(1)}`).join(' ');
  if (c.type === 'minimum') return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" ${style}/>`;
  if (c.type === 'saddle')
    return `<polygon points="${pts([
      [0, -1.15],
      [1.05, 0.75],
      [-1.05, 0.75],
    ])}" ${style}/>`;
  if (c.type === 'maximum')
    return `<rect x="${(x - 0.85 * r).toFixed(1)}" y="${(y - 0.85 * r).toFixed(1)}" width="${1.7 * r}" height="${1.7 * r}" ${style}/>`;
  return `<polygon points="${pts([
    [0, -1.2],
    [1, 0],
    [0, 1.2],
    [-1, 0],
  ])}" ${style}/>`;
}

/** The legend's words for the shapes, fills and fading. */
export const LEGEND_TEXT = {
  types: ['minimum', 'saddle', 'maximum', 'degenerate'] as Kind[],
  origin: 'filled: canonical (∇θL = 0) · hollow: ghost (∇θL ≠ 0 in ker Jᵀ)',
  faded:
    'faded: off this slice (another coordinate differs from the slice point by more than 1e-6 · max(1, |w|)), drawn at its projection',
};

/** True when every coordinate of W but the slice's two is within 1e-6 · max(1, |w|) of the slice's base point. */
export function onSlice(W: ArrayLike<number | null>, base: ArrayLike<number | null>, x: number, y: number): boolean {
  for (let j = 0; j < W.length; j++) {
    if (j === x || j === y) continue;
    const a = W[j] ?? NaN,
      b = base[j] ?? NaN;
    if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) return false;
  }
  return true;
}
