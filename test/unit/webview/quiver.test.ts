// Quiver geometry (webview/quiver.ts), pure functions only: matplotlib's autoscale, the arrow outline with its head
// proportions (head length 5 w, head axis length 4.5 w, head half-width 1.5 w, shaft half-width w / 2), short arrows
// shrinking as a whole, data-space directions on a non-square plot, and the theta arrow. Values derived by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrowPolygon,
  arrowPolygons,
  arrowStats,
  fillPolygon,
  polygonPath,
  quiverScale,
  thetaPolygon,
  type PlotArea,
} from '../../../webview/quiver';
import { assertAllClose } from '../../support/model';

/** x in [-1, 1] over 100 px from 10, y in [-2, 2] over 200 px from the bottom at 220: 50 px per unit both ways. */
const AREA: PlotArea = { left: 10, top: 20, right: 110, bottom: 220, xmin: -1, xmax: 1, ymin: -2, ymax: 2 };

const points = (poly: number[]): [number, number][] =>
  Array.from({ length: poly.length / 2 }, (_, i) => [poly[2 * i], poly[2 * i + 1]]);

describe('quiver: autoscale', () => {
  test('arrowStats: the mean length and count of the finite arrows', () => {
    const s = arrowStats({ gx: [0, 0, 0], gy: [0, 0, 0], dx: [3, 0, NaN], dy: [4, 1, 0] });
    assert.deepEqual(s, { mean: 3, n: 2 }, '|(3, 4)| = 5 and |(0, 1)| = 1; the NaN arrow is not counted');
    assert.deepEqual(arrowStats({ gx: [], gy: [], dx: [], dy: [] }), { mean: 0, n: 0 });
  });

  test('quiverScale: the mean arrow is span / (1.8 max(10, sqrt n)) long', () => {
    // 81 arrows: sqrt(81) = 9 < 10, so the divisor is 1.8 * 10 * mean = 36 for mean 2.
    assert.equal(quiverScale(4, 81, 2), 4 / 36);
    // 400 arrows: sqrt(400) = 20: 4 / (1.8 * 20 * 2) = 4 / 72.
    assertAllClose([quiverScale(4, 400, 2)], [4 / 72], 1e-15, 1e-15);
    // The mean arrow times the scale is the fraction of the span, whatever the mean.
    assertAllClose([quiverScale(3, 9, 0.25) * 0.25], [3 / 18], 1e-15, 1e-15);
    assert.equal(quiverScale(4, 10, 0), 0, 'all arrows zero: nothing to scale');
  });
});

describe('quiver: one arrow', () => {
  test('a long arrow along x: shaft, head and tip at matplotlib proportions (w = 1)', () => {
    assert.deepEqual(points(arrowPolygon(0, 0, 10, 0, 1)), [
      [0, -0.5],
      [5.5, -0.5],
      [5, -1.5],
      [10, 0],
      [5, 1.5],
      [5.5, 0.5],
      [0, 0.5],
    ]);
  });

  test('rotated with its vector: (0, 10) from (1, 2) has its tip at (1, 12)', () => {
    // Local (a, b) maps to (x0 - b, y0 + a) when the direction is (0, 1).
    assertAllClose(
      arrowPolygon(1, 2, 0, 10, 1),
      [1.5, 2, 1.5, 7.5, 2.5, 7, 1, 12, -0.5, 7, 0.5, 7.5, 0.5, 2],
      1e-15,
      1e-15,
    );
    // Any direction: the tip is the start plus the vector, the shaft ends are w / 2 either side of the start.
    const poly = arrowPolygon(3, -1, -6, 8, 2);
    assertAllClose(poly.slice(6, 8), [-3, 7], 1e-14, 1e-14);
    assertAllClose([Math.hypot(poly[0] - 3, poly[1] + 1), Math.hypot(poly[12] - 3, poly[13] + 1)], [1, 1], 1e-14, 0);
  });

  test('scales with the shaft width: w = 2 doubles the head and the shaft, not the length', () => {
    // len 40, w 2: head length 10, head axis 9, head half-width 3, shaft half-width 1.
    assert.deepEqual(arrowPolygon(0, 0, 40, 0, 2), [0, -1, 31, -1, 30, -3, 40, 0, 30, 3, 31, 1, 0, 1]);
  });

  test('an arrow shorter than its head (5 w) shrinks as a whole, the shaft no thinner than w / 4', () => {
    // len 2.5, w 1: k = 0.5: head length 2.5, head axis 2.25, half-width 0.75; shaft half-width 0.5 * 0.5.
    assertAllClose(
      arrowPolygon(0, 0, 2.5, 0, 1),
      [0, -0.25, 0.25, -0.25, 0, -0.75, 2.5, 0, 0, 0.75, 0.25, 0.25, 0, 0.25],
      1e-15,
      1e-15,
    );
    // len 1: k = 0.2: head 1 long, 0.3 half-wide; the shaft keeps half-width w / 4 = 0.25.
    assertAllClose(
      arrowPolygon(0, 0, 1, 0, 1),
      [0, -0.25, 0.1, -0.25, 0, -0.3, 1, 0, 0, 0.3, 0.1, 0.25, 0, 0.25],
      1e-15,
      1e-15,
    );
  });

  test('zero or non-finite vectors have no outline', () => {
    assert.deepEqual(arrowPolygon(1, 1, 0, 0, 1), []);
    assert.deepEqual(arrowPolygon(1, 1, NaN, 0, 1), []);
  });
});

describe('quiver: every arrow of a subplot', () => {
  test('starts and vectors go from data units to pixels (y up), NaN arrows dropped, zero arrows a point', () => {
    const polys = arrowPolygons({ gx: [0, 0.5, -1], gy: [0, 1, 2], dx: [1, NaN, 0], dy: [1, 0, 0] }, AREA, 0.2, 1);
    assert.equal(polys.length, 2, 'the NaN arrow is skipped');
    // (0, 0) is pixel (60, 120); the vector 0.2 * (1, 1) is (10, -10) px: the tip at (70, 110).
    assertAllClose(polys[0].slice(6, 8), [70, 110], 1e-13, 0);
    assertAllClose(polys[0].slice(0, 2), [60 - 0.5 / Math.SQRT2, 120 - 0.5 / Math.SQRT2], 1e-13, 0);
    // (-1, 2) is the top-left corner (10, 20); a zero arrow stays a point there.
    assert.deepEqual(polys[1], [10, 20]);
  });

  test("directions are kept in data space on a non-square plot (quiver's angles='xy')", () => {
    // 50 px per x unit, 25 px per y unit: data (1, 1) * 0.4 is (20, -10) px.
    const wide: PlotArea = { ...AREA, bottom: 120 };
    const [poly] = arrowPolygons({ gx: [0], gy: [0], dx: [1], dy: [1] }, wide, 0.4, 1);
    const [x0, y0] = [60, 70];
    assertAllClose(poly.slice(6, 8), [x0 + 20, y0 - 10], 1e-13, 0);
  });

  test('the theta arrow: from the origin, 1/14 of the x span long in data units, 1.2 w wide', () => {
    // theta = (3, 4): unit (0.6, 0.8); length 2 / 14 data units: (0.6, 0.8) * (2 / 14) * 50 px.
    const poly = thetaPolygon([3, 4], AREA, 1);
    const L = (2 / 14) * 50;
    assertAllClose(poly.slice(6, 8), [60 + 0.6 * L, 120 - 0.8 * L], 1e-13, 0);
    assertAllClose([Math.hypot(poly[0] - 60, poly[1] - 120)], [0.6], 1e-13, 0);
    assert.deepEqual(thetaPolygon([0, 0], AREA, 1), [60, 120], 'no direction: a point at the origin');
    assert.deepEqual(thetaPolygon([Infinity, 1], AREA, 1), [60, 120]);
  });
});

describe('quiver: drawing the outline', () => {
  test('polygonPath: an SVG path with two decimals, closed; nothing for a point', () => {
    assert.equal(polygonPath([0, 0, 1, 0, 0, 1.005]), 'M0.00,0.00L1.00,0.00L0.00,1.00Z');
    assert.equal(polygonPath([60, 120]), '');
  });

  test('fillPolygon: one closed path through every vertex, filled once', () => {
    const calls: string[] = [];
    const ctx = {
      beginPath: () => calls.push('begin'),
      moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
      closePath: () => calls.push('close'),
      fill: () => calls.push('fill'),
    } as unknown as CanvasRenderingContext2D;
    fillPolygon(ctx, [0, 0, 1, 0, 0, 1]);
    assert.deepEqual(calls, ['begin', 'M0,0', 'L1,0', 'L0,1', 'close', 'fill']);
    calls.length = 0;
    fillPolygon(ctx, [60, 120]);
    assert.deepEqual(calls, [], 'a point draws nothing');
  });
});
