// The rank map's cells as pixels: the colour range of log10(sigma_min / sigma_max), and the cells painted into an
// RGBA buffer through the viridis table, with the rank-deficient overlay. No DOM: unit-tested in node.
import type { RankMapFrame } from '../src/protocol/panel';

/** The log10 ratio range the colours span: [lo, 0], lo the data's minimum rounded down to half a decade, in [-16, -1]. */
export function ratioRange(frame: RankMapFrame): number {
  // log10 is monotonic: the smallest ratio gives the smallest logarithm (one log10 per map, not one per cell).
  let min = Infinity;
  const { sMin, sMax } = frame;
  for (let i = 0; i < sMin.length; i++) {
    const r = sMin[i] / sMax[i];
    if (r > 0 && r < min) min = r;
  }
  const log = Number.isFinite(min) ? Math.min(0, Math.log10(min)) : 0;
  return Math.max(-16, Math.min(-1, Math.floor(log * 2) / 2));
}

/** True where a Uint32 of bytes [r, g, b, a] reads r in its low byte (every browser VS Code runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const rgba = (r: number, g: number, b: number): number =>
  (LITTLE_ENDIAN ? (255 << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | 255) >>> 0;

/** The 256 colours of `lut` as RGBA words, and the same blended with the rank-deficient overlay colour. */
function palettes(lut: Uint8Array, deficient: [number, number, number]): { plain: Uint32Array; overlaid: Uint32Array } {
  const plain = new Uint32Array(256);
  const overlaid = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const [R, G, B] = [lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]];
    plain[i] = rgba(R, G, B);
    overlaid[i] = rgba(
      Math.round(R * 0.35 + deficient[0] * 0.65),
      Math.round(G * 0.35 + deficient[1] * 0.65),
      Math.round(B * 0.35 + deficient[2] * 0.65),
    );
  }
  return { plain, overlaid };
}

/** Paints the cells into RGBA pixels, row 0 at the top (= the last y step), into `into` when it has the map's size. */
export function paintCells(
  frame: RankMapFrame,
  lut: Uint8Array,
  deficient: [number, number, number],
  lo = ratioRange(frame),
  into?: ImageData,
): ImageData {
  const nx = frame.x.steps;
  const ny = frame.y.steps;
  const img = into && into.width === nx && into.height === ny ? into : new ImageData(nx, ny);
  // One word per pixel (a map is redrawn every frame while a slider drags).
  const px = new Uint32Array(img.data.buffer, img.data.byteOffset, nx * ny);
  const { plain, overlaid } = palettes(lut, deficient);
  const grey = rgba(128, 128, 128);
  const { sMin, sMax, rank, fullRank } = frame;
  for (let iy = 0; iy < ny; iy++) {
    const row = (ny - 1 - iy) * nx;
    for (let ix = 0; ix < nx; ix++) {
      const k = iy * nx + ix;
      const s0 = sMin[k];
      const s1 = sMax[k];
      if (!Number.isFinite(s0) || !Number.isFinite(s1)) {
        px[row + ix] = grey;
        continue;
      }
      const r = s1 > 0 ? s0 / s1 : 0;
      const t = r > 0 ? Math.max(0, Math.min(1, 1 - Math.log10(r) / lo)) : 0;
      const c = Math.round(t * 255);
      px[row + ix] = rank[k] < fullRank ? overlaid[c] : plain[c];
    }
  }
  return img;
}

export const rgbOf = (css: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css.trim());
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [241, 76, 76];
};

/** The rank map panel: canvas, tooltip, keyboard probe. */
