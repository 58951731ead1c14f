// Exports: the field figure and the rank map as PNG (pixels as shown) and SVG (redrawn from the data as vectors),
// the field data as CSV. The host saves them; nothing here touches the file system.
import type { FieldFrame, RankMapFrame } from '../src/protocol/panel';
import { axisRange, shaftWidth } from './fieldView';
import { ratioRange } from './rankCells';
import { arrowPolygons, arrowStats, polygonPath, quiverScale, thetaPolygon } from './quiver';
import type { PlotArea } from './quiver';
import { niceTicks } from './ticks';
import type { Theme } from './theme';

/** Text safe inside SVG/XML. */
export const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The field data: one row per arrow, g and M g on the two shown coordinates. */
export function fieldCsv(fields: FieldFrame[], names: [string, string]): string {
  const head = ['point', 'label', `g ${names[0]}`, `g ${names[1]}`, `Mg ${names[0]}`, `Mg ${names[1]}`]
    .map(csvCell)
    .join(',');
  const rows = [head];
  for (const f of fields) {
    for (let i = 0; i < f.gx.length; i++)
      rows.push([String(f.pointIndex + 1), csvCell(f.label), f.gx[i], f.gy[i], f.dx[i], f.dy[i]].join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** A canvas as base64 PNG (no data: prefix). */
export const pngBase64 = (c: HTMLCanvasElement): string => c.toDataURL('image/png').split(',')[1] ?? '';

/** The field section as shown (subplot canvases and titles) composed into one canvas. */
export function composeField(root: HTMLElement, t: Theme): HTMLCanvasElement {
  const dpr = window.devicePixelRatio || 1;
  const box = root.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = Math.round(box.width * dpr);
  out.height = Math.round(box.height * dpr);
  const ctx = out.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, box.width, box.height);
  ctx.fillStyle = t.foreground;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `600 13px ${t.font}`;
  for (const h of Array.from(root.querySelectorAll<HTMLElement>('.subplot-title'))) {
    const r = h.getBoundingClientRect();
    ctx.fillText(h.textContent ?? '', r.left - box.left + r.width / 2, r.top - box.top + r.height / 2);
  }
  for (const c of Array.from(root.querySelectorAll('canvas'))) {
    const r = c.getBoundingClientRect();
    ctx.drawImage(c, r.left - box.left, r.top - box.top, r.width, r.height);
  }
  return out;
}

/** The field figure as SVG, two subplots per row, redrawn from the data with the same quiver scaling. */
export function fieldSvg(
  fields: FieldFrame[],
  lohi: { min: number; max: number },
  names: [string, string],
  commonScale: boolean,
  t: Theme,
): string {
  const W = 330,
    H = 310,
    cols = Math.min(2, Math.max(1, fields.length));
  const rowsN = Math.ceil(fields.length / cols);
  const [lo, hi] = axisRange({ size: 2, min: lohi.min, max: lohi.max, coords: [0, 1] });
  const stats = fields.map(arrowStats);
  const total = stats.reduce((a, s) => ({ sum: a.sum + s.mean * s.n, n: a.n + s.n }), { sum: 0, n: 0 });
  const parts: string[] = [];
  fields.forEach((f, k) => {
    const ox = (k % cols) * W;
    const oy = Math.floor(k / cols) * H;
    const area: PlotArea = {
      left: ox + 50,
      top: oy + 34,
      right: ox + W - 16,
      bottom: oy + H - 44,
      xmin: lo,
      xmax: hi,
      ymin: lo,
      ymax: hi,
    };
    const pw = area.right - area.left;
    const scale = commonScale
      ? quiverScale(hi - lo, total.n / fields.length, total.n > 0 ? total.sum / total.n : 0)
      : quiverScale(hi - lo, stats[k].n, stats[k].mean);
    const w = shaftWidth(pw);
    const px = (v: number): number => area.left + ((v - lo) / (hi - lo)) * pw;
    const py = (v: number): number => area.bottom - ((v - lo) / (hi - lo)) * (area.bottom - area.top);
    parts.push(
      `<g><text x="${ox + W / 2}" y="${oy + 20}" text-anchor="middle" font-size="13" font-weight="600">${xml(f.label)}</text>`,
    );
    parts.push(
      `<rect x="${area.left}" y="${area.top}" width="${pw}" height="${area.bottom - area.top}" fill="none" stroke="${xml(t.foreground)}"/>`,
    );
    for (const v of niceTicks(lo, hi)) {
      parts.push(
        `<text x="${px(v).toFixed(1)}" y="${area.bottom + 14}" text-anchor="middle" font-size="10">${v}</text>`,
      );
      parts.push(
        `<text x="${area.left - 6}" y="${(py(v) + 3).toFixed(1)}" text-anchor="end" font-size="10">${v}</text>`,
      );
    }
    parts.push(
      `<text x="${(area.left + area.right) / 2}" y="${area.bottom + 32}" text-anchor="middle" font-size="11">${xml(names[0])}</text>`,
    );
    parts.push(
      `<text transform="translate(${ox + 14},${(area.top + area.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="11">${xml(names[1])}</text>`,
    );
    const arrows = arrowPolygons(f, area, scale, w)
      .filter((p) => p.length > 2)
      .map(polygonPath)
      .join('');
    parts.push(`<path d="${arrows}" fill="${xml(t.foreground)}"/>`);
    const th = thetaPolygon(f.theta, area, w);
    parts.push(
      th.length > 2
        ? `<path d="${polygonPath(th)}" fill="${xml(t.theta)}"/>`
        : `<circle cx="${th[0]}" cy="${th[1]}" r="${w * 1.5}" fill="${xml(t.theta)}"/>`,
    );
    parts.push('</g>');
  });
  return svgDoc(cols * W, rowsN * H, parts.join('\n'), t);
}

/** What the rank map shows, for its SVG. */
export interface RankMapSnapshot {
  cells: HTMLCanvasElement;
  frame: RankMapFrame;
  names: [string, string];
  marker: [number, number] | null;
}

/** The rank map as SVG: the cells as an embedded pixel image, axes, labels, marker and legend as vectors. */
export function rankMapSvg(r: RankMapSnapshot, t: Theme): string {
  const W = 460,
    H = 400;
  const f = r.frame;
  const hx = (f.x.to - f.x.from) / (f.x.steps - 1) / 2;
  const hy = (f.y.to - f.y.from) / (f.y.steps - 1) / 2;
  const a = {
    left: 56,
    top: 14,
    right: W - 110,
    bottom: H - 46,
    xmin: f.x.from - hx,
    xmax: f.x.to + hx,
    ymin: f.y.from - hy,
    ymax: f.y.to + hy,
  };
  const px = (v: number): number => a.left + ((v - a.xmin) / (a.xmax - a.xmin)) * (a.right - a.left);
  const py = (v: number): number => a.bottom - ((v - a.ymin) / (a.ymax - a.ymin)) * (a.bottom - a.top);
  const parts = [
    `<image x="${a.left}" y="${a.top}" width="${a.right - a.left}" height="${a.bottom - a.top}" preserveAspectRatio="none" image-rendering="pixelated" href="data:image/png;base64,${pngBase64(r.cells)}"/>`,
    `<rect x="${a.left}" y="${a.top}" width="${a.right - a.left}" height="${a.bottom - a.top}" fill="none" stroke="${xml(t.foreground)}"/>`,
  ];
  for (const v of niceTicks(a.xmin, a.xmax))
    parts.push(`<text x="${px(v).toFixed(1)}" y="${a.bottom + 15}" text-anchor="middle" font-size="10">${v}</text>`);
  for (const v of niceTicks(a.ymin, a.ymax))
    parts.push(`<text x="${a.left - 6}" y="${(py(v) + 3).toFixed(1)}" text-anchor="end" font-size="10">${v}</text>`);
  parts.push(
    `<text x="${(a.left + a.right) / 2}" y="${a.bottom + 34}" text-anchor="middle" font-size="12">${xml(r.names[0])}</text>`,
  );
  parts.push(
    `<text transform="translate(16,${(a.top + a.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${xml(r.names[1])}</text>`,
  );
  if (r.marker) {
    const [mx, my] = [px(r.marker[0]), py(r.marker[1])];
    parts.push(
      `<g fill="none" stroke="${xml(t.marker)}" stroke-width="1.5"><circle cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="6"/><path d="M${mx - 10},${my}H${mx + 10}M${mx},${my - 10}V${my + 10}"/></g>`,
    );
  }
  const lx = a.right + 16;
  parts.push(
    `<defs><linearGradient id="vir" x1="0" y1="1" x2="0" y2="0">${VIRIDIS_STOPS.map((c, i) => `<stop offset="${(i / (VIRIDIS_STOPS.length - 1)).toFixed(2)}" stop-color="${c}"/>`).join('')}</linearGradient></defs>`,
  );
  parts.push(`<rect x="${lx}" y="${a.top}" width="12" height="${(a.bottom - a.top) * 0.7}" fill="url(#vir)"/>`);
  parts.push(
    `<text x="${lx + 16}" y="${a.top + 4}" font-size="10">1</text><text x="${lx + 16}" y="${a.top + (a.bottom - a.top) * 0.7}" font-size="10">1e${ratioRange(f)}</text>`,
  );
  parts.push(`<text x="${lx - 4}" y="${a.top + (a.bottom - a.top) * 0.7 + 18}" font-size="10">σmin/σmax</text>`);
  parts.push(
    `<rect x="${lx}" y="${a.top + (a.bottom - a.top) * 0.7 + 30}" width="12" height="12" fill="${xml(t.deficient)}"/><text x="${lx + 16}" y="${a.top + (a.bottom - a.top) * 0.7 + 40}" font-size="10">rank &lt; ${f.fullRank}</text>`,
  );
  return svgDoc(W, H, parts.join('\n'), t);
}

const VIRIDIS_STOPS = [
  '#440154',
  '#482475',
  '#414487',
  '#355f8d',
  '#2a788e',
  '#21918c',
  '#22a884',
  '#44bf70',
  '#7ad151',
  '#bddf26',
  '#fde725',
];

function svgDoc(w: number, h: number, body: string, t: Theme): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${xml(t.font)}" fill="${xml(t.foreground)}">
<rect width="100%" height="100%" fill="${xml(t.background)}"/>
${body}
</svg>
`;
}
