// Streamlines of -∇L for the quadratic L = ½(a x² + b y²): the flow x' = -a x, y' = -b y keeps y = y0 (x/x0)^(b/a),
// so every point of the line through (x0, y0) lies on that curve (the exact field and its bilinear grid, which is
// exact for a linear field); lines end at the minimum, at the box's edge or near another line, and stay in the box.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gridField,
  streamlineFrom,
  streamlines,
  type PlaneBox,
  type PlaneField,
} from '../../../src/core/landscape/streamlines';

const box: PlaneBox = { x0: -2, x1: 2, y0: -2, y1: 2 };
const quadratic =
  (a: number, b: number): PlaneField =>
  (x, y, out) => {
    out[0] = -a * x;
    out[1] = -b * y;
    return true;
  };
const sampled = (a: number, b: number, n: number): PlaneField => {
  const xs = Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1));
  const u = xs.flatMap(() => xs.map((x) => -a * x));
  const v = xs.flatMap((y) => xs.map(() => -b * y));
  return gridField(xs, xs, u, v);
};
/** Largest |y - y0 (x/x0)^(b/a)| over the line's points. */
const flowError = (pts: Float64Array, x0: number, y0: number, a: number, b: number): number => {
  let worst = 0;
  for (let k = 0; k < pts.length; k += 2)
    worst = Math.max(worst, Math.abs(pts[k + 1] - y0 * Math.pow(pts[k] / x0, b / a)));
  return worst;
};
const inBox = (pts: Float64Array): boolean =>
  pts.every((v, k) => (k % 2 === 0 ? v >= box.x0 && v <= box.x1 : v >= box.y0 && v <= box.y1));

describe('streamlines of L = ½(a x² + b y²)', () => {
  for (const [a, b] of [
    [1, 2],
    [1, 3],
    [2, 1],
    [1, 1],
  ])
    for (const [name, field] of [
      ['exact field', quadratic(a, b)],
      ['bilinear grid 81 x 81', sampled(a, b, 81)],
    ] as const)
      test(`a = ${a}, b = ${b}, ${name}: the line through (1.5, 1) keeps y = y0 (x/x0)^(b/a) to 1e-3`, () => {
        const line = streamlineFrom(field, box, [1.5, 1]);
        const n = line.points.length / 2;
        const err = flowError(line.points, 1.5, 1, a, b);
        console.log(`  a = ${a}, b = ${b}, ${name}: ${n} points, largest deviation ${err.toExponential(2)}`);
        assert.ok(n > 50);
        assert.ok(err < 1e-3, `deviation ${err}`);
        assert.ok(inBox(line.points));
        assert.equal(line.start, 'edge', 'upstream it leaves the box');
        assert.equal(line.end, 'critical', 'downstream it stops at the minimum');
        const [xe, ye] = [line.points[2 * n - 2], line.points[2 * n - 1]];
        assert.ok(Math.hypot(xe, ye) < 0.04 + 1e-9, `ends at (${xe}, ${ye})`);
        // Upstream the line ends on the edge (the last segment is clipped to it).
        const [xs, ys] = [line.points[0], line.points[1]];
        assert.ok(Math.abs(Math.abs(xs) - 2) < 1e-12 || Math.abs(Math.abs(ys) - 2) < 1e-12, `starts at (${xs}, ${ys})`);
      });

  test('evenly spaced set (a = 1, b = 2): in the box, apart from each other, one line into the minimum', () => {
    const lines = streamlines(sampled(1, 2, 81), box, { separation: 0.05 });
    console.log(`  ${lines.length} lines, ${lines.reduce((s, l) => s + l.points.length / 2, 0)} points`);
    assert.ok(lines.length >= 10);
    for (const l of lines) {
      assert.ok(inBox(l.points));
      assert.ok(['edge', 'critical', 'near'].includes(l.end) && ['edge', 'critical', 'near'].includes(l.start));
      // Every point is on its own flow curve: y / x^2 is constant along the line (b / a = 2).
      const c = l.points[1] / l.points[0] ** 2;
      for (let k = 0; k < l.points.length; k += 2)
        assert.ok(Math.abs(l.points[k + 1] - c * l.points[k] ** 2) < 1e-3 * Math.max(1, Math.abs(c)));
    }
    const ends = lines.filter((l) => l.end === 'critical');
    assert.ok(ends.length >= 1);
    for (const l of ends) assert.ok(Math.hypot(l.points.at(-2)!, l.points.at(-1)!) < 0.05);
    // Points of different lines keep half the separation (0.05 · 4 / 2 = 0.1 data units), less one step.
    for (let i = 0; i < lines.length; i++)
      for (let j = 0; j < i; j++) {
        const [p, q] = [lines[i].points, lines[j].points];
        let least = Infinity;
        for (let k = 0; k < p.length; k += 2)
          for (let m = 0; m < q.length; m += 2) least = Math.min(least, Math.hypot(p[k] - q[m], p[k + 1] - q[m + 1]));
        assert.ok(least >= 0.1 - 0.04 - 1e-9, `lines ${i} and ${j} come within ${least}`);
      }
  });

  test('a field undefined on half the box (x < 0): lines stop there, and never enter it', () => {
    const f = quadratic(1, 1);
    const half: PlaneField = (x, y, out) => x >= 0 && f(x, y, out);
    const line = streamlineFrom(half, box, [1, 1.5]);
    for (let k = 0; k < line.points.length; k += 2) assert.ok(line.points[k] >= 0);
    const lines = streamlines(half, box);
    assert.ok(lines.length > 0);
    for (const l of lines) for (let k = 0; k < l.points.length; k += 2) assert.ok(l.points[k] >= -1e-12);
  });
});
