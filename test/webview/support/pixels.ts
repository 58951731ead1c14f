// Pixel measures run inside the page (self-contained functions for page.evaluate) on a canvas's plot area
// (`data-plot-area` = left top right bottom xmin xmax ymin ymax, CSS px at device scale 1).

/** Ink (arrow) statistics in a canvas's plot area: adjacent ink pairs horizontally (H), vertically (V) and along
 *  both diagonals, and from them the dominant stroke orientation `angle` (radians from +x, counter-clockwise, in
 *  data units: a second-harmonic estimate 0.5 atan2(D1 - D2, H - V), corrected for the plot's aspect). */
export function inkStats(selector: string): { ink: number; H: number; V: number; angle: number } {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b, xmin, xmax, ymin, ymax] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const ctx = canvas.getContext('2d')!;
  const x0 = Math.ceil(l) + 3,
    y0 = Math.ceil(t) + 3,
    w = Math.floor(r - l) - 6,
    h = Math.floor(b - t) - 6;
  const d = ctx.getImageData(x0, y0, w, h).data;
  const ink = (i: number): boolean =>
    d[i + 3] > 128 && d[i] < 110 && d[i + 1] < 110 && d[i + 2] < 110 && Math.abs(d[i + 2] - d[i]) < 40;
  let n = 0,
    H = 0,
    V = 0,
    D1 = 0,
    D2 = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (!ink(i)) continue;
      n++;
      if (x + 1 < w && ink(i + 4)) H++;
      if (y + 1 < h && ink(i + w * 4)) V++;
      if (x + 1 < w && y > 0 && ink(i - w * 4 + 4)) D1++;
      if (x + 1 < w && y + 1 < h && ink(i + w * 4 + 4)) D2++;
    }
  }
  const px = 0.5 * Math.atan2(D1 - D2, H - V);
  const sx = (r - l) / (xmax - xmin),
    sy = (b - t) / (ymax - ymin);
  return { ink: n, H, V, angle: Math.atan2(Math.sin(px) / sy, Math.cos(px) / sx) };
}

/** Ink runs in a canvas's plot area: the pixel-weighted mean length of horizontal runs (`runH`) and of vertical
 *  runs (`runV`) of adjacent ink pixels. Thick strokes do not bias it: a vertical shaft 3 px wide and 25 px long has
 *  runH = 3 and runV = 25. */
export function inkRuns(selector: string): { ink: number; runH: number; runV: number } {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const x0 = Math.ceil(l) + 3,
    y0 = Math.ceil(t) + 3,
    w = Math.floor(r - l) - 6,
    h = Math.floor(b - t) - 6;
  const d = canvas.getContext('2d')!.getImageData(x0, y0, w, h).data;
  const ink = (x: number, y: number): boolean => {
    const i = (y * w + x) * 4;
    return d[i + 3] > 128 && d[i] < 110 && d[i + 1] < 110 && d[i + 2] < 110 && Math.abs(d[i + 2] - d[i]) < 40;
  };
  // Sum of run² / sum of run: the mean run length seen from a random ink pixel.
  const weighted = (outer: number, inner: number, at: (o: number, i: number) => boolean): [number, number] => {
    let n = 0,
      sq = 0;
    for (let o = 0; o < outer; o++) {
      let run = 0;
      for (let i = 0; i <= inner; i++) {
        if (i < inner && at(o, i)) {
          run++;
          continue;
        }
        n += run;
        sq += run * run;
        run = 0;
      }
    }
    return [n, n ? sq / n : 0];
  };
  const [n, runH] = weighted(h, w, (y, x) => ink(x, y));
  const [, runV] = weighted(w, h, (x, y) => ink(x, y));
  return { ink: n, runH, runV };
}

/** Mean colour [r, g, b] of each cell column of the rank map's plot area, left to right, in `columns` bins. */
export function columnColor([selector, columns]: [string, number]): [number, number, number][] {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const w = Math.floor(r - l),
    h = Math.floor(b - t);
  const d = canvas.getContext('2d')!.getImageData(Math.ceil(l), Math.ceil(t), w, h).data;
  const sums = Array.from({ length: columns }, () => [0, 0, 0]),
    counts = new Array(columns).fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const k = Math.min(columns - 1, Math.floor(((x + 0.5) / w) * columns));
      sums[k][0] += d[i];
      sums[k][1] += d[i + 1];
      sums[k][2] += d[i + 2];
      counts[k]++;
    }
  }
  return sums.map(
    ([r, g, b], k) =>
      [r / Math.max(1, counts[k]), g / Math.max(1, counts[k]), b / Math.max(1, counts[k])] as [number, number, number],
  );
}

/** A cheap fingerprint of a canvas's pixels (to tell whether a picture changed). */
export function canvasDigest(selector: string): number[] {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  const bins = new Array(64).fill(0);
  for (let i = 0; i < d.length; i += 4) bins[Math.floor(i / (d.length / 64))] += d[i] + d[i + 1] * 3 + d[i + 2] * 7;
  return bins;
}

/** The pixels of a canvas's plot area in the locus's magenta (the theme's `locus`, #ff00ff, anti-aliased: red and
 *  blue high, green low; no viridis colour, overlay red or theme colour is), in data coordinates, with the data
 *  size of one pixel along x and y. */
export function magentaPixels(selector: string): { xy: number[]; px: [number, number] } {
  const canvas = document.querySelector(selector) as HTMLCanvasElement;
  const [l, t, r, b, xmin, xmax, ymin, ymax] = (canvas.dataset.plotArea ?? '').split(' ').map(Number);
  const x0 = Math.ceil(l),
    y0 = Math.ceil(t),
    w = Math.floor(r - x0),
    h = Math.floor(b - y0);
  const d = canvas.getContext('2d')!.getImageData(x0, y0, w, h).data;
  const sx = (xmax - xmin) / (r - l),
    sy = (ymax - ymin) / (b - t);
  const xy: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      if (d[i] > 190 && d[i + 2] > 190 && d[i + 1] < 90)
        xy.push(xmin + (x0 + x + 0.5 - l) * sx, ymax - (y0 + y + 0.5 - t) * sy);
    }
  return { xy, px: [sx, sy] };
}
