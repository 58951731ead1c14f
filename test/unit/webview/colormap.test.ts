// Colour mapping of the rank map: the viridis table (webview/colormap.ts) and the cells painted as RGBA words
// (paintCells and ratioRange in webview/rankMapView.ts, pure: no DOM at import, an ImageData-shaped buffer passed in).
// Expected colours computed by hand from matplotlib's viridis stops.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cssColor, viridisTable } from '../../../webview/colormap';
import { paintCells, ratioRange } from '../../../webview/rankCells';

type Frame = Parameters<typeof paintCells>[0];
const lut = viridisTable();
const rgbAt = (i: number): number[] => [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]];

/** A map of nx x ny cells with these singular values and ranks (only what the painter reads). */
function frame(nx: number, ny: number, sMin: number[], sMax: number[], rank: number[], fullRank: number): Frame {
  const axis = (steps: number) => ({ param: 0, from: -1, to: 1, steps });
  return {
    x: axis(nx),
    y: axis(ny),
    xs: new Float64Array(nx),
    ys: new Float64Array(ny),
    sMin: Float64Array.from(sMin),
    sMax: Float64Array.from(sMax),
    rank: Int32Array.from(rank),
    fullRank,
  } as unknown as Frame;
}

/** An ImageData-shaped buffer (node has no ImageData). */
const image = (width: number, height: number): ImageData =>
  ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData;

describe('viridis table', () => {
  test('256 RGB entries from the first stop to the last', () => {
    assert.equal(lut.length, 256 * 3);
    assert.deepEqual(rgbAt(0), [68, 1, 84]);
    assert.deepEqual(rgbAt(255), [253, 231, 37]);
  });

  test('the stops land on entries 51 k / 2 when that is whole, in between it interpolates and rounds', () => {
    // Entry i sits at 10 i / 255 of the 10 intervals: i = 51 is stop 2, 102 stop 4, 153 stop 6, 204 stop 8.
    assert.deepEqual(rgbAt(51), [65, 68, 135]);
    assert.deepEqual(rgbAt(102), [42, 120, 142]);
    assert.deepEqual(rgbAt(153), [34, 168, 132]);
    assert.deepEqual(rgbAt(204), [122, 209, 81]);
    // i = 1: f = 10/255 of the way from (68, 1, 84) to (72, 36, 117): (68.16, 2.37, 85.29).
    assert.deepEqual(rgbAt(1), [68, 2, 85]);
    // i = 128: 5 + 5/255, from (33, 145, 140) to (34, 168, 132): (33.02, 145.45, 139.84).
    assert.deepEqual(rgbAt(128), [33, 145, 140]);
  });

  test('monotone: green and luminance never decrease, so brighter means better conditioned', () => {
    const Y = (i: number): number => 0.2126 * lut[3 * i] + 0.7152 * lut[3 * i + 1] + 0.0722 * lut[3 * i + 2];
    for (let i = 1; i < 256; i++) {
      assert.ok(lut[3 * i + 1] >= lut[3 * i - 2], `green at ${i}`);
      assert.ok(Y(i) >= Y(i - 1), `luminance at ${i}: ${Y(i)} < ${Y(i - 1)}`);
    }
    assert.ok(Y(255) - Y(0) > 180, 'dark to bright');
  });

  test('cssColor: t in [0, 1] to the nearest entry, clamped outside', () => {
    assert.equal(cssColor(lut, 0), 'rgb(68,1,84)');
    assert.equal(cssColor(lut, 1), 'rgb(253,231,37)');
    assert.equal(cssColor(lut, 0.2), 'rgb(65,68,135)', '0.2 * 255 = 51');
    assert.equal(cssColor(lut, -3), 'rgb(68,1,84)');
    assert.equal(cssColor(lut, 7), 'rgb(253,231,37)');
  });
});

describe('rank map colours', () => {
  test('ratioRange: the smallest sigma_min / sigma_max, down to half a decade, within [-16, -1]', () => {
    const range = (ratios: number[]): number =>
      ratioRange(
        frame(
          ratios.length,
          1,
          ratios,
          ratios.map(() => 1),
          ratios.map(() => 1),
          1,
        ),
      );
    assert.equal(range([1, 1e-6, 0.5]), -6);
    assert.equal(range([0.05]), -1.5, 'log10 0.05 = -1.30 -> -1.5');
    assert.equal(range([0.3]), -1, 'log10 0.3 = -0.52 -> -1 (the narrowest range)');
    assert.equal(range([1]), -1);
    assert.equal(range([1e-20]), -16, 'the widest range');
    assert.equal(range([0, NaN, 0.01]), -2, 'zero and undefined ratios do not widen it');
  });

  test('paintCells: the exact RGBA of each cell, rows flipped (y up), deficient cells overlaid, undefined grey', () => {
    // 3 x 2 cells, colours over [lo, 0] = [-4, 0] of log10(sigma_min / sigma_max).
    const f = frame(3, 2, [1, 1e-4, 1e-2, 0, NaN, 1e-6], [1, 1, 1, 1, 1, 1], [2, 2, 2, 1, 2, 2], 2);
    const img = paintCells(f, lut, [241, 76, 76], -4, image(3, 2));
    const px = Array.from({ length: 6 }, (_, i) => Array.from(img.data.subarray(4 * i, 4 * i + 4)));
    assert.deepEqual(px, [
      // Top row = cells iy = 1: rank 1 < 2 at ratio 0 (the darkest colour, blended 35/65 with the overlay colour:
      // 68 * 0.35 + 241 * 0.65 = 180.45), sigma_min NaN (grey), ratio 1e-6 below the range (saturates dark).
      [180, 50, 79, 255],
      [128, 128, 128, 255],
      [68, 1, 84, 255],
      // Bottom row = cells iy = 0: ratio 1 (brightest), 1e-4 = the range's end (darkest), 1e-2 mid-range:
      // t = 0.5, entry round(127.5) = 128.
      [253, 231, 37, 255],
      [68, 1, 84, 255],
      [33, 145, 140, 255],
    ]);
    // The same pixels as 32-bit words, as the painter writes them (little-endian: 0xAABBGGRR).
    const words = new Uint32Array(img.data.buffer, img.data.byteOffset, 6);
    if (new Uint8Array(new Uint32Array([1]).buffer)[0] === 1)
      assert.deepEqual(Array.from(words), [0xff4f32b4, 0xff808080, 0xff540144, 0xff25e7fd, 0xff540144, 0xff8c9121]);
  });

  test('paintCells reuses a buffer of the right size and replaces every pixel', () => {
    const into = image(2, 1);
    into.data.fill(7);
    const out = paintCells(frame(2, 1, [1, 1], [1, 0], [1, 1], 1), lut, [0, 0, 0], -1, into);
    assert.equal(out, into);
    // sigma_max 0: no ratio, the darkest colour.
    assert.deepEqual(Array.from(out.data), [253, 231, 37, 255, 68, 1, 84, 255]);
  });
});
